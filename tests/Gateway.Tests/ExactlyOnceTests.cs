using System.Net;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Many concurrent submissions by one voter store exactly one ballot.</summary>
public sealed class ExactlyOnceTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private const int Submissions = 500;
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    private async Task<string> CreateEditionAsync()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    [Fact]
    public async Task FiveHundredConcurrentSameBallots_OneCreated_RestReplayTheSameReceipt()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var responses = await Task.WhenAll(Enumerable.Range(0, Submissions).Select(_ =>
            Task.Run(() => _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, "c1", "c4")))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(Submissions - 1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var receipts = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
        Assert.Single(receipts.Select(r => (string?)r["receiptId"]).Distinct());
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).ReadJsonAsync();
        Assert.Equal(1, (long)results["ballots"]!);
        var c1 = results["pools"]![0]!["projects"]!.AsArray().Single(p => (string?)p!["projectId"] == "c1")!;
        Assert.Equal(1, (long)c1["votes"]!);
    }

    [Fact]
    public async Task FiveHundredConcurrentDifferentBallots_OneCreated_OthersConflictOrReplay()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        string[][] choices = [["c1"], ["c2"], ["c3"], ["c4"], ["c1", "c4"], ["c2", "c4"]];
        var responses = await Task.WhenAll(Enumerable.Range(0, Submissions).Select(i =>
            Task.Run(async () => (Choice: i % choices.Length, Response: await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, choices[i % choices.Length]))))));
        var created = responses.Where(r => r.Response.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Single(created);
        var winner = created[0].Choice;
        foreach (var (choice, response) in responses.Except(created))
        {
            Assert.Equal(choice == winner ? HttpStatusCode.OK : HttpStatusCode.Conflict, response.StatusCode);
        }
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).ReadJsonAsync();
        Assert.Equal(1, (long)results["ballots"]!);
        var votes = results["pools"]![0]!["projects"]!.AsArray().Sum(p => (long)p!["votes"]!);
        Assert.Equal(choices[winner].Length, votes);
    }
}
