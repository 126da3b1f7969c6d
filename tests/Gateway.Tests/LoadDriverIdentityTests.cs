using System.Diagnostics;
using System.Globalization;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// The .NET load driver in the identity modes (issue 10): against a gateway process in <c>oidc</c>
/// mode trusting the driver's test issuer, and in <c>email-code</c> mode sending to the driver's
/// SMTP sink, a short vote run gets every ballot recorded and its exactly-once audit passes.
/// </summary>
public sealed class LoadDriverIdentityTests
{
    private const string Token = "load-driver-identity-token-0123456789abcdef";

    [Theory]
    [InlineData("oidc")]
    [InlineData("email-code")]
    public async Task ShortVoteRun_InTheIdentityMode_PassesItsAudit(string mode)
    {
        var issuerPort = SmtpSink.FreePort();
        var smtpPort = SmtpSink.FreePort();
        string[] settings = mode == "oidc"
            ? ["--Identity:Mode", "oidc", "--Identity:Oidc:Authority", $"http://127.0.0.1:{issuerPort}/", "--Identity:Oidc:Audience", "voting-api", "--Identity:Oidc:RequireHttpsMetadata", "false"]
            : ["--Identity:Mode", "email-code", "--Identity:Smtp:Host", "127.0.0.1", "--Identity:Smtp:Port", smtpPort.ToString(CultureInfo.InvariantCulture), "--Identity:Smtp:From", "load@example.pl", "--Identity:Smtp:Security", "none"];
        var data = Path.Combine(Path.GetTempPath(), "voting-load-identity-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(data, Token, settings);
            var (exit, output) = await RunDriverAsync(
                "vote-peak", "--base-url", gateway.BaseAddress.ToString(), "--admin-token", Token, "--rate", "40", "--duration", "3s", "--receipts", "20",
                "--identity", mode, "--issuer-port", issuerPort.ToString(CultureInfo.InvariantCulture), "--smtp-port", smtpPort.ToString(CultureInfo.InvariantCulture));

            Assert.True(exit == 0, output);
            Assert.Contains("exactly-once audit: PASS", output, StringComparison.Ordinal);
            Assert.Matches(@"status 201:1\d\d", output); // ~120 ballots recorded
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<(int Exit, string Output)> RunDriverAsync(params string[] args)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Voting.sln")))
        {
            root = root.Parent;
        }
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var driver = Path.Combine(root!.FullName, "LoadTests", "bin", configuration, "net10.0", "Voting.LoadTests.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(driver);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
