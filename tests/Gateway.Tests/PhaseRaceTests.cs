using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// Closing and certifying an edition while ballots stream in: a ballot commits only while its
/// edition accepts ballots at commit time, so the frozen results count exactly the acknowledged ballots.
/// </summary>
public sealed class PhaseRaceTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private const int Clients = 24;

    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    [Fact]
    public async Task CloseThenFinal_WhileTwentyFourClientsVote_FinalBallotsEqualCreatedAndExported()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        using var stop = new CancellationTokenSource();
        var firstCreated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            var statuses = new List<(HttpStatusCode Status, DateTime SentAt)>();
            while (!stop.IsCancellationRequested)
            {
                var sentAt = DateTime.UtcNow;
                var response = await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1", "c4"));
                statuses.Add((response.StatusCode, sentAt));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    firstCreated.TrySetResult();
                }
            }
            return statuses;
        })).ToList();

        await firstCreated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" })).AssertStatusAsync(HttpStatusCode.OK);
        var closedAt = DateTime.UtcNow;
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "final" })).AssertStatusAsync(HttpStatusCode.OK);
        await stop.CancelAsync();
        var answers = (await Task.WhenAll(clients)).SelectMany(s => s).ToList();

        var created = answers.Count(a => a.Status == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        // A ballot sent after the close was acknowledged can never be recorded (one answered after it may be: it committed first).
        Assert.DoesNotContain(answers, a => a.Status == HttpStatusCode.Created && a.SentAt > closedAt);
        Assert.Contains(answers, a => a.Status == HttpStatusCode.Conflict);
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).ReadJsonAsync();
        Assert.Equal("final", (string?)results["status"]);
        Assert.Equal(created, (long)results["ballots"]!);
        var exported = await (await _admin.GetAsync($"/api/v1/admin/editions/{id}/export?format=csv&part=ballots")).Content.ReadAsStringAsync();
        var exportedVoters = exported.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0]).Distinct().Count();
        Assert.Equal(created, exportedVoters);
    }
}
