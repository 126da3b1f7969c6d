using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Polly.CircuitBreaker;
using Voting.Failures;

namespace Voting.Gateway.Problems;

/// <summary>
/// Turns exceptions into problem answers in one place: a request that cannot have been recorded
/// is 503 <c>unavailable</c>; one whose commit may have happened (a lost answer, a write that timed
/// out after it was sent) is 503 <c>outcome-unknown</c>, never a success and never "not recorded";
/// a broken request body is 400; anything else 500.
/// </summary>
internal sealed class GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var mayHaveRun = !HttpMethods.IsGet(httpContext.Request.Method);
        var result = exception switch
        {
            OutcomeUnknownException => Problem.OutcomeUnknown(httpContext),
            TimeoutException when mayHaveRun => Problem.OutcomeUnknown(httpContext),
            UnavailableException or TimeoutException or BrokenCircuitException or OrleansMessageRejectionException or SiloUnavailableException or OrleansException =>
                Problem.Unavailable(httpContext, "The cluster could not durably record the request. Nothing was recorded; retry."),
            BadHttpRequestException bad => Problem.Malformed(bad.Message),
            _ => null,
        };
        if (result is null)
        {
            GatewayLog.UnhandledError(logger, exception, httpContext.Request.Path);
            result = Problem.Of(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "Something went wrong.", "The request failed; it was not recorded.");
        }
        else
        {
            GatewayLog.RequestFailed(logger, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        }
        await result.ExecuteAsync(httpContext);
        return true;
    }
}
