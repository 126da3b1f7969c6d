using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Voting.Cluster.Tests.Failover;
using Voting.Cluster.Tests.Infrastructure;
using Voting.Gateway.Tests.Infrastructure;

namespace Voting.Cluster.Tests.Identity;

/// <summary>
/// <c>email-code</c> mode on a real cluster (2 silo processes, a gateway process, PostgreSQL or
/// Azurite, a real SMTP server): both silos run the outbox sender over one ledger, yet every queued
/// mail is sent exactly once (claims are version-guarded), the outbox empties, and the codes
/// confirm votes.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class EmailCodeClusterTests(PostgresServer server, AzuriteServer azurite)
{
    private const int Requests = 40;

    [Fact]
    public async Task Two_silos_send_every_queued_code_mail_once_and_the_codes_confirm_votes()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(server, 2, MailSettings(smtp));
        await SendCodesAndVoteAsync(smtp, cluster);
    }

    [Fact]
    public async Task On_azure_two_silos_send_every_queued_code_mail_once_and_the_codes_confirm_votes()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(azurite, 2, MailSettings(smtp));
        await SendCodesAndVoteAsync(smtp, cluster);
    }

    private static string[] MailSettings(SmtpSink smtp) =>
    [
        "--Identity:Mode=email-code", "--Identity:Smtp:Host=127.0.0.1", $"--Identity:Smtp:Port={smtp.Port.ToString(CultureInfo.InvariantCulture)}",
        "--Identity:Smtp:From=glosowanie@example.pl", "--Identity:Smtp:Security=none",
    ];

    private static async Task SendCodesAndVoteAsync(SmtpSink smtp, LocalCluster cluster)
    {
        var editionId = "mail-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateEditionAsync(editionId);
        var people = Enumerable.Range(0, Requests).Select(i => (Pesel: Pesels.Of(500_000 + i), Email: $"c{i}-{Guid.NewGuid():N}@example.pl")).ToList();

        await Task.WhenAll(people.Select(async p =>
        {
            using var answer = await cluster.Http.PostAsJsonAsync(new Uri(cluster.GatewayUrl, "/api/v1/verification-codes"), new { voter = new { pesel = p.Pesel }, email = p.Email });
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }));
        var codes = new List<string>();
        foreach (var p in people)
        {
            codes.Add(SmtpSink.CodeIn(await smtp.NextMailToAsync(p.Email, TimeSpan.FromSeconds(60))));
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // time for a second sender to send a duplicate, if claims did not hold

        Assert.Equal(Requests, smtp.Received().Count);
        Assert.Equal(0, await cluster.Store.OutboxEntitiesAsync());
        for (var i = 0; i < 5; i++)
        {
            var ballot = new JsonObject { ["voter"] = new JsonObject { ["pesel"] = people[i].Pesel, ["code"] = codes[i] }, ["selections"] = new JsonArray(new JsonObject { ["projectId"] = "p1" }) };
            using var answer = await cluster.Http.PostAsJsonAsync(new Uri(cluster.GatewayUrl, $"/api/v1/editions/{editionId}/ballots"), ballot);
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        }
    }
}
