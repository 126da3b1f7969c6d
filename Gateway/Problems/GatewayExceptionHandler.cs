using Microsoft.AspNetCore.Diagnostics;
using Voting.Runtime.Grains;

namespace Voting.Gateway.Problems;

/// <summary>
/// Turns exceptions into problem answers in one place: storage or cluster trouble is 503
/// (nothing recorded, retry later), a broken request body is 400, anything else 500.
/// </summary>
internal sealed class GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            UnavailableException or NotOwnerException or TimeoutException =>
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
