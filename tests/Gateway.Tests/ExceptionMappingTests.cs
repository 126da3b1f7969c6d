using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Polly.CircuitBreaker;
using Voting.Failures;
using Voting.Gateway.Problems;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// API.md 1.1: 503 <c>unavailable</c> only when nothing can have been recorded; a write whose
/// commit may have happened answers 503 <c>outcome-unknown</c>, never a success.
/// </summary>
public sealed class ExceptionMappingTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "POST", nameof(OutcomeUnknownException), "outcome-unknown" },
        { "POST", nameof(TimeoutException), "outcome-unknown" },
        { "POST", nameof(UnavailableException), "unavailable" },
        { "POST", nameof(SiloUnavailableException), "unavailable" },
        { "POST", nameof(BrokenCircuitException), "unavailable" },
        { "GET", nameof(TimeoutException), "unavailable" },
        { "GET", nameof(OutcomeUnknownException), "outcome-unknown" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ClusterFailure_MapsToTheRight503Code_WithRetryAfter(string method, string exception, string code)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        context.Request.Method = method;
        context.Response.Body = new MemoryStream();
        var handler = new GatewayExceptionHandler(NullLogger<GatewayExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, Create(exception), TestContext.Current.CancellationToken));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var body = JsonNode.Parse(await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(code, (string?)body["code"]);
    }

    private static Exception Create(string name) => name switch
    {
        nameof(OutcomeUnknownException) => new OutcomeUnknownException("lost"),
        nameof(TimeoutException) => new TimeoutException("no answer"),
        nameof(UnavailableException) => new UnavailableException("down"),
        nameof(SiloUnavailableException) => new SiloUnavailableException("gone"),
        nameof(BrokenCircuitException) => new BrokenCircuitException("open"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
