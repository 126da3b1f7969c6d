using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// The gateway's default log levels are the ASP.NET templates' (no lines per request) wherever it
/// is started from, not only where appsettings.json lies; request logging is an opt-in key.
/// </summary>
public sealed class LoggingDefaultsTests
{
    private const string Token = "logging-defaults-token-0123456789abcdef";

    [Fact]
    public async Task StartedOutsideItsFolder_LogsNoLinePerRequest()
    {
        var lines = await OutputAfterVotesAsync();

        Assert.DoesNotContain(lines, line => line.Contains("Request starting", StringComparison.Ordinal) || line.Contains("Request finished", StringComparison.Ordinal));
        // Orleans places each new voter through a Polly pipeline, which logs every execution at Information.
        Assert.DoesNotContain(lines, line => line.Contains("Resilience pipeline executed", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Application started", StringComparison.Ordinal)); // Information lines of the host still show
    }

    [Fact]
    public async Task RequestLoggingKey_LogsEachRequest()
    {
        var lines = await OutputAfterVotesAsync("--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information");

        Assert.Contains(lines, line => line.Contains("Request finished", StringComparison.Ordinal));
    }

    private static Task<List<string>> OutputAfterVotesAsync(params string[] arguments) =>
        GatewayAfterVotes.InspectAsync(Token, arguments, async (gateway, _) =>
        {
            await Task.Delay(500); // output is read asynchronously
            return (List<string>)[.. gateway.Output];
        });
}
