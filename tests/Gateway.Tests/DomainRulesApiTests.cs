using System.Net;
using System.Text.Json.Nodes;
using Voting.Editions;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Grains.Pabulib;
using Voting.Grains.Rules;
using Voting.Results;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Registry, ballot change, duplicate policy, districts, equal shares, open data, paper signatures.</summary>
public sealed class DomainRulesApiTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    private async Task<string> CreateAsync(Action<JsonObject>? change = null)
    {
        var id = TestEditions.NewId();
        var edition = TestEditions.Sample(id);
        change?.Invoke(edition);
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", edition)).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    private Task<HttpResponseMessage> VoteAsync(string id, JsonObject ballot) => _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", ballot);

    private async Task<JsonObject> ResultsAsync(string id) => await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);

    private static long Votes(JsonObject results, string projectId) =>
        (long)results["pools"]!.AsArray().SelectMany(p => p!["projects"]!.AsArray()).Single(p => (string?)p!["projectId"] == projectId)!["votes"]!;

    [Fact]
    public async Task Registry_OnlyRegisteredVotersMayVote()
    {
        var id = await CreateAsync();
        var onList = Pesels.NextAdult();
        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/registry", new JsonObject { ["pesels"] = new JsonArray(onList, Pesels.NextAdult(), "123") })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)report["added"]!);
        Assert.Equal([2], report["invalidPositions"]!.AsArray().Select(p => (int)p!));
        Assert.DoesNotContain(onList, report.ToJsonString());

        var outsider = Pesels.NextAdult();
        await (await VoteAsync(id, TestEditions.Ballot(outsider, "c1"))).AssertProblemAsync(HttpStatusCode.Forbidden, "voter-not-eligible");
        await (await VoteAsync(id, TestEditions.Ballot(onList, "c1"))).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(1, (long)(await ResultsAsync(id))["ballots"]!);
    }

    [Fact]
    public async Task AllowBallotChange_ReplacesTheBallot_OldReceiptReplaced_TalliesMove()
    {
        var id = await CreateAsync(e => e["allowBallotChange"] = true);
        var pesel = Pesels.NextAdult();
        var first = await (await VoteAsync(id, TestEditions.Ballot(pesel, "c1", "n1"))).AssertStatusAsync(HttpStatusCode.Created);
        var second = await (await VoteAsync(id, TestEditions.Ballot(pesel, "c2"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotEqual((string?)first["receiptId"], (string?)second["receiptId"]);
        Assert.Equal("replaced", (string?)(await (await _client.GetAsync($"/api/v1/receipts/{first["receiptId"]}")).ReadJsonAsync())["status"]);
        Assert.Equal("counted", (string?)(await (await _client.GetAsync($"/api/v1/receipts/{second["receiptId"]}")).ReadJsonAsync())["status"]);
        var results = await ResultsAsync(id);
        Assert.Equal(1, (long)results["ballots"]!);
        Assert.Equal(0, Votes(results, "c1"));
        Assert.Equal(0, Votes(results, "n1"));
        Assert.Equal(1, Votes(results, "c2"));
    }

    [Fact]
    public async Task InvalidateAll_AVoterWhoVotesTwiceLosesEveryBallot()
    {
        var id = await CreateAsync(e => e["duplicatePolicy"] = "invalidate-all");
        var pesel = Pesels.NextAdult();
        var online = await (await VoteAsync(id, TestEditions.Ballot(pesel, "c1"))).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(1, Votes(await ResultsAsync(id), "c1"));
        // the same person hands in a paper ballot too
        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", new JsonArray(TestEditions.Ballot(pesel, "c1")))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("duplicate", (string?)report["ballots"]![0]!["outcome"]);
        Assert.Equal("invalidated", (string?)(await (await _client.GetAsync($"/api/v1/receipts/{online["receiptId"]}")).ReadJsonAsync())["status"]);
        var results = await ResultsAsync(id);
        Assert.Equal(0, (long)results["ballots"]!);
        Assert.Equal(0, Votes(results, "c1"));
        await (await VoteAsync(id, TestEditions.Ballot(pesel, "c1"))).AssertProblemAsync(HttpStatusCode.Conflict, "already-voted");
    }

    [Fact]
    public async Task FirstWins_OnlineRetryIsAReplay_PaperDuplicateIsRefused()
    {
        var id = await CreateAsync();
        var pesel = Pesels.NextAdult();
        await (await VoteAsync(id, TestEditions.Ballot(pesel, "c1"))).AssertStatusAsync(HttpStatusCode.Created);
        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", new JsonArray(TestEditions.Ballot(pesel, "c2")))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("duplicate", (string?)report["ballots"]![0]!["outcome"]);
        Assert.Equal(1, Votes(await ResultsAsync(id), "c1"));
    }

    [Fact]
    public async Task DistrictTiedToResidence_VotersVoteOnlyInTheirDistrict()
    {
        var id = await CreateAsync(e => e["districtTiedToResidence"] = true);
        var north = TestEditions.Ballot(Pesels.NextAdult(), "c1", "n1");
        north["voter"]!["district"] = "north";
        await (await VoteAsync(id, north)).AssertStatusAsync(HttpStatusCode.Created);
        var elsewhere = TestEditions.Ballot(Pesels.NextAdult(), "n1");
        elsewhere["voter"]!["district"] = "south";
        var problem = await (await VoteAsync(id, elsewhere)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        Assert.Contains("wrong-district", problem["errors"]!.AsArray().Select(e => (string?)e!["rule"]));
    }

    [Fact]
    public async Task EqualShares_ResultsAreTheMethodAppliedToTheRecordedBallots()
    {
        var id = await CreateAsync(e =>
        {
            e["pools"]![0]!["method"] = "equal-shares";
            e["pools"]![0]!["ballot"]!["maxTotalCost"] = null;
            e["pools"]![0]!["budget"] = 300;
        });
        string[][] ballots = [["c1", "c2"], ["c1", "c2"], ["c1", "c3"], ["c4"], ["c4", "c3"], ["c2"]];
        foreach (var picks in ballots)
        {
            await (await VoteAsync(id, TestEditions.Ballot(Pesels.NextAdult(), picks))).AssertStatusAsync(HttpStatusCode.Created);
        }
        var results = await ResultsAsync(id);
        var city = results["pools"]![0]!;
        Assert.Equal("equal-shares", (string?)city["method"]);

        var edition = System.Text.Json.JsonSerializer.Deserialize(await _client.GetStringAsync($"/api/v1/editions/{id}"), VotingJsonContext.Default.Edition)!;
        var pool = edition.Pools[0];
        var picksByBallot = ballots.Select(b => (IReadOnlyList<ScoredPick>)b.Select(p => new ScoredPick("city", p, 1)).ToList()).ToList();
        var tallies = pool.Projects.Select(p => new ProjectTally(p.Id, p.Cost, ballots.Count(b => b.Contains(p.Id)), ballots.Count(b => b.Contains(p.Id)))).ToList();
        var expected = EqualShares.Allocate(pool, tallies, picksByBallot);
        Assert.Equal(expected.Spent, (long)city["spent"]!);
        Assert.Equal(expected.Projects.Select(p => (p.ProjectId, p.Selected)), city["projects"]!.AsArray().Select(p => ((string)p!["projectId"]!, (bool)p["selected"]!)));
        Assert.True((long)city["spent"]! <= 300);
    }

    [Fact]
    public async Task PabulibExport_RoundTripsImportedBallotsAndResults()
    {
        var id = TestEditions.NewId();
        var text = await File.ReadAllTextAsync(SharedFiles.Pabulib("poland_gdansk_2020_olszynka.pb"));
        await (await _admin.PostRawAsync($"/api/v1/admin/editions/import?format=pabulib&id={id}&includeVotes=true", text, "text/plain")).AssertStatusAsync(HttpStatusCode.Created);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" })).AssertStatusAsync(HttpStatusCode.OK);
        var exported = await (await _admin.GetAsync($"/api/v1/admin/editions/{id}/export?format=pabulib")).Content.ReadAsStringAsync();

        var original = PabulibImport.ToEdition(PabulibParser.Parse(text), "a", DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var roundTrip = PabulibImport.ToEdition(PabulibParser.Parse(exported), "b", DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal(
            original.Projects.Select(p => (p.ProjectId, p.Votes, p.Score)).OrderBy(p => p.ProjectId),
            roundTrip.Projects.Select(p => (p.ProjectId, p.Votes, p.Score)).OrderBy(p => p.ProjectId));
        static string Canon(IReadOnlyList<Selection> s) => string.Join("|", s.Select(x => $"{x.ProjectId}:{x.Points}").Order());
        Assert.Equal(original.Ballots.Select(b => Canon(b.Selections)).Order(), roundTrip.Ballots.Select(b => Canon(b.Selections)).Order());
        Assert.Equal(Enumerable.Range(1, original.Ballots.Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), roundTrip.Ballots.Select(b => b.VoterId).Order(StringComparer.Ordinal).OrderBy(int.Parse));

        var csv = await (await _admin.GetAsync($"/api/v1/admin/editions/{id}/export?format=csv&part=ballots")).Content.ReadAsStringAsync();
        Assert.StartsWith("voter_number,", csv);
        await (await _admin.GetAsync($"/api/v1/admin/editions/{id}/export?format=xml")).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await (await _admin.GetAsync("/api/v1/admin/editions/none/export?format=csv")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
    }

    [Fact]
    public async Task PaperSignatures_DeduplicateWithOnlineOnes_AndSubmitEndsCollection()
    {
        var id = "i-" + Guid.NewGuid().ToString("N")[..10];
        await (await _admin.PostJsonAsync("/api/v1/admin/initiatives", new JsonObject { ["id"] = id, ["title"] = "Trees", ["threshold"] = 3, ["collectFrom"] = "2020-01-01T00:00:00Z", ["collectUntil"] = "2099-01-01T00:00:00Z" })).AssertStatusAsync(HttpStatusCode.Created);
        var online = Pesels.NextAdult();
        await (await _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", new JsonObject { ["voter"] = new JsonObject { ["pesel"] = online } })).AssertStatusAsync(HttpStatusCode.Created);
        var list = new JsonArray(
            new JsonObject { ["voter"] = new JsonObject { ["pesel"] = online } },
            new JsonObject { ["voter"] = new JsonObject { ["pesel"] = Pesels.NextAdult() } },
            new JsonObject { ["voter"] = new JsonObject { ["pesel"] = "00000000000" } });
        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/initiatives/{id}/paper-signatures", list)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 1, 2L), ((int)report["recorded"]!, (int)report["duplicate"]!, (int)report["invalid"]!, (long)report["signatures"]!));
        var submitted = await (await _admin.PostAsync($"/api/v1/admin/initiatives/{id}/submit", null)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", (string?)submitted["status"]);
        await (await _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", new JsonObject { ["voter"] = new JsonObject { ["pesel"] = Pesels.NextAdult() } })).AssertProblemAsync(HttpStatusCode.Conflict, "collection-closed");
    }
}
