using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Issue 9, finding 4: results are computed once per change, and readers do not hold up a phase change.</summary>
public sealed class ResultsUnderLoadTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    private static readonly string[][] Picks = [["c1", "c2"], ["c1", "c3"], ["c4"], ["c2", "c4"], ["c3"], ["c1", "c4"]];

    /// <summary>An edition whose pools all use equal shares, with <paramref name="ballots"/> paper ballots.</summary>
    private async Task<string> BiggishEditionAsync(int ballots)
    {
        var id = TestEditions.NewId();
        var edition = TestEditions.Sample(id);
        foreach (var pool in edition["pools"]!.AsArray())
        {
            pool!["method"] = "equal-shares";
        }
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", edition)).AssertStatusAsync(HttpStatusCode.Created);
        var paper = new JsonArray(Enumerable.Range(0, ballots).Select(i =>
        {
            var ballot = TestEditions.Ballot(Pesels.NextAdult(), [.. Picks[i % Picks.Length], i % 2 == 0 ? "n1" : "n2"]);
            return (JsonNode)ballot;
        }).ToArray());
        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", paper)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(ballots, (int)report["recorded"]!);
        return id;
    }

    [Fact]
    public async Task TwoHundredConcurrentReaders_DoNotDelayAPhaseChangeByMoreThanASecond()
    {
        var id = await BiggishEditionAsync(3000);
        var before = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3000, (long)before["ballots"]!);
        // one more ballot: the next readers find the results stale and all want them at once
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1"))).AssertStatusAsync(HttpStatusCode.Created);

        var readers = Enumerable.Range(0, 200).Select(_ => Task.Run(() => _client.GetAsync($"/api/v1/editions/{id}/results"))).ToList();
        var clock = Stopwatch.StartNew();
        var change = await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" });
        var took = clock.Elapsed;
        await change.AssertStatusAsync(HttpStatusCode.OK);
        foreach (var response in await Task.WhenAll(readers))
        {
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }
        Assert.True(took < TimeSpan.FromSeconds(1), $"The phase change took {took.TotalMilliseconds:F0} ms behind 200 readers of /results.");
    }

    [Fact]
    public async Task ClosedResults_FollowAPaperBallotKeyedInAfterTheClose()
    {
        var id = await BiggishEditionAsync(30);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" })).AssertStatusAsync(HttpStatusCode.OK);
        var first = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        var again = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", new JsonArray(TestEditions.Ballot(Pesels.NextAdult(), "c4")))).AssertStatusAsync(HttpStatusCode.OK);
        var after = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(31, (long)after["ballots"]!);
        Assert.Equal(ProjectVotes(first, "c4") + 1, ProjectVotes(after, "c4"));
    }

    private static long ProjectVotes(JsonObject results, string projectId) =>
        (long)results["pools"]!.AsArray().SelectMany(p => p!["projects"]!.AsArray()).Single(p => (string?)p!["projectId"] == projectId)!["votes"]!;
}
