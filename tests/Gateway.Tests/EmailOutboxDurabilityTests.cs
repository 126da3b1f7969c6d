using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// The code e-mail goes through the ledger's outbox: a code request never waits for SMTP, and a
/// mail queued while the SMTP server is down survives kill -9 of the process and is sent once
/// the server is up.
/// </summary>
public sealed class EmailOutboxDurabilityTests
{
    private const string Token = "outbox-durability-token-0123456789abcdef";

    [Fact]
    public async Task MailQueuedWhileSmtpIsDown_SurvivesAKill_AndIsSentOnceSmtpIsUp()
    {
        var data = Path.Combine(Path.GetTempPath(), "voting-outbox-" + Guid.NewGuid().ToString("N"));
        var smtpPort = SmtpSink.FreePort(); // nothing listens there yet
        string[] settings =
        [
            "--Identity:Mode", "email-code", "--Identity:Smtp:Host", "127.0.0.1", "--Identity:Smtp:Port", smtpPort.ToString(CultureInfo.InvariantCulture),
            "--Identity:Smtp:From", "glosowanie@example.pl", "--Identity:Smtp:Security", "none",
        ];
        var email = $"r-{Guid.NewGuid():N}@example.pl";
        var pesel = Pesels.NextAdult();
        var editionId = TestEditions.NewId();
        try
        {
            await using (var gateway = await GatewayProcess.StartAsync(data, Token, settings))
            {
                using var admin = gateway.CreateClient(Token);
                await (await admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(editionId))).AssertStatusAsync(HttpStatusCode.Created);
                using var client = gateway.CreateClient();
                var asked = Stopwatch.StartNew();
                var answer = await client.PostJsonAsync("/api/v1/verification-codes", new JsonObject { ["voter"] = new JsonObject { ["pesel"] = pesel }, ["email"] = email });
                Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
                Assert.True(asked.Elapsed < TimeSpan.FromSeconds(5), $"The code request waited {asked.Elapsed} with SMTP down.");
                await Task.Delay(TimeSpan.FromSeconds(3)); // the sender tries (and fails) at least once
                gateway.Kill();
            }

            await using var smtp = await SmtpSink.StartAsync(smtpPort);
            await using var restarted = await GatewayProcess.StartAsync(data, Token, settings);
            var code = SmtpSink.CodeIn(await smtp.NextMailToAsync(email, TimeSpan.FromSeconds(90)));

            using var voter = restarted.CreateClient();
            var ballot = TestEditions.Ballot(pesel, "c1");
            ballot["voter"]!["code"] = code;
            await (await voter.PostJsonAsync($"/api/v1/editions/{editionId}/ballots", ballot)).AssertStatusAsync(HttpStatusCode.Created);
            Assert.Single(smtp.Received(), m => m.To.Mailboxes.Any(b => b.Address == email));
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
}
