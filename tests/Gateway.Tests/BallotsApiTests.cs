using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>POST /editions/{id}/ballots: every answer of API.md, and nothing recorded on any 4xx.</summary>
public sealed class BallotsApiTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    private async Task<string> CreateEditionAsync(JsonObject? edition = null)
    {
        var id = TestEditions.NewId();
        edition ??= TestEditions.Sample(id);
        edition["id"] = id;
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", edition)).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    private async Task<long> BallotCountAsync(string editionId) =>
        (long)(await (await _client.GetAsync($"/api/v1/editions/{editionId}/results")).AssertStatusAsync(HttpStatusCode.OK))["ballots"]!;

    /// <summary>After a refusal, the same voter can still vote: proof that nothing was recorded.</summary>
    private async Task AssertNothingRecordedAsync(string editionId, string pesel)
    {
        Assert.Equal(0, await BallotCountAsync(editionId));
        var response = await _client.PostJsonAsync($"/api/v1/editions/{editionId}/ballots", TestEditions.Ballot(pesel, "c1"));
        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task CastBallot_ValidBallot_Returns201WithReceiptAndLocation()
    {
        var id = await CreateEditionAsync();
        var response = await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1", "c2", "n1", "n2"));
        var receipt = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(id, (string?)receipt["editionId"]);
        Assert.NotNull(receipt["castAt"]);
        Assert.Equal($"/api/v1/receipts/{receipt["receiptId"]}", response.Headers.Location!.OriginalString);
        Assert.Equal(3, receipt.Count);

        var view = await (await _client.GetAsync(response.Headers.Location)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("counted", (string?)view["status"]);
        Assert.Equal(id, (string?)view["editionId"]);
        Assert.Equal(1, await BallotCountAsync(id));
    }

    [Fact]
    public async Task CastBallot_SameBallotAgain_Returns200WithOriginalReceipt()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var first = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, "c1", "c2"))).AssertStatusAsync(HttpStatusCode.Created);
        // The same picks in another order are the same approval ballot.
        var again = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, "c2", "c1"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((string?)first["receiptId"], (string?)again["receiptId"]);
        Assert.Equal(1, await BallotCountAsync(id));
    }

    [Fact]
    public async Task CastBallot_SameIdempotencyKeyWithOtherBody_Returns200WithOriginalReceipt()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/editions/{id}/ballots") { Content = new StringContent(TestEditions.Ballot(pesel, "c1").ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "k-123");
        var first = await (await _client.SendAsync(request)).AssertStatusAsync(HttpStatusCode.Created);
        var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/editions/{id}/ballots") { Content = new StringContent(TestEditions.Ballot(pesel, "c2").ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        retry.Headers.Add("Idempotency-Key", "k-123");
        var again = await (await _client.SendAsync(retry)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((string?)first["receiptId"], (string?)again["receiptId"]);
    }

    [Fact]
    public async Task CastBallot_DifferentBallot_Returns409AlreadyVotedAndKeepsTheFirst()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, "c1"))).AssertStatusAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, "c2"))).AssertProblemAsync(HttpStatusCode.Conflict, "already-voted");
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).ReadJsonAsync();
        var city = results["pools"]!.AsArray().Single(p => (string?)p!["poolId"] == "city")!;
        Assert.Equal(1, (long)city["projects"]!.AsArray().Single(p => (string?)p!["projectId"] == "c1")!["votes"]!);
        Assert.Equal(0, (long)city["projects"]!.AsArray().Single(p => (string?)p!["projectId"] == "c2")!["votes"]!);
    }

    [Theory]
    [InlineData("4405140135")]
    [InlineData("440514013591")]
    [InlineData("4405140135a")]
    [InlineData("44051401358")]
    [InlineData("")]
    public async Task CastBallot_InvalidPesel_Returns422InvalidPesel(string pesel)
    {
        var id = await CreateEditionAsync();
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, "c1"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-pesel");
        Assert.Equal(0, await BallotCountAsync(id));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"voter\":{\"pesel\":44051401359},\"selections\":[]}")]
    [InlineData("{\"selections\":[{\"projectId\":\"c1\"}]}")]
    [InlineData("{\"voter\":{\"pesel\":\"44051401359\"}}")]
    [InlineData("{\"voter\":{\"pesel\":\"44051401359\"},\"selections\":[{\"points\":3}]}")]
    [InlineData("{\"voter\":{\"pesel\":\"44051401359\"},\"selections\":[{\"projectId\":\"c1\",\"points\":\"x\"}]}")]
    [InlineData("{\"voter\":null,\"selections\":[{\"projectId\":\"c1\"}]}")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task CastBallot_MalformedBody_Returns400MalformedRequest(string body)
    {
        var id = await CreateEditionAsync();
        await (await _client.PostRawAsync($"/api/v1/editions/{id}/ballots", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await AssertNothingRecordedAsync(id, "44051401359");
    }

    [Theory]
    [InlineData("4402300135")] // 30 February 1944
    [InlineData("4413010135")] // month 13
    [InlineData("0433010135")] // month 33 is 13 + 20: no such month in the 2000s either
    public async Task CastBallot_ImpossibleBirthDate_Returns422InvalidPesel(string body)
    {
        var id = await CreateEditionAsync();
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.WithCheckDigit(body), "c1"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-pesel");
        Assert.Equal(0, await BallotCountAsync(id));
    }

    [Fact]
    public async Task CastBallot_BodyTooLarge_Returns400MalformedRequest()
    {
        var id = await CreateEditionAsync();
        var huge = "{\"voter\":{\"pesel\":\"44051401359\"},\"selections\":[" + string.Join(",", Enumerable.Repeat("{\"projectId\":\"c1\"}", 10_000)) + "]}";
        await (await _client.PostRawAsync($"/api/v1/editions/{id}/ballots", huge)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await AssertNothingRecordedAsync(id, "44051401359");
    }

    [Fact]
    public async Task CastBallot_IdempotencyKeyTooLong_Returns400()
    {
        var id = await CreateEditionAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/editions/{id}/ballots") { Content = new StringContent(TestEditions.Ballot("44051401359", "c1").ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", new string('k', 129));
        await (await _client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await AssertNothingRecordedAsync(id, "44051401359");
    }

    [Fact]
    public async Task CastBallot_UnknownEdition_Returns404EditionNotFound()
    {
        await (await _client.PostJsonAsync("/api/v1/editions/no-such-edition/ballots", TestEditions.Ballot("44051401359", "c1"))).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("closed")]
    public async Task CastBallot_EditionNotVoting_Returns409VotingNotOpen(string phase)
    {
        var id = await CreateEditionAsync(TestEditions.Sample("x", phase: phase));
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot("44051401359", "c1"))).AssertProblemAsync(HttpStatusCode.Conflict, "voting-not-open");
        if (phase == "draft")
        {
            await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "voting" });
            await AssertNothingRecordedAsync(id, "44051401359");
            return;
        }
        // A closed edition never reopens (phases only move forwards); paper ballots are still taken: this voter has none.
        Assert.Equal(0, await BallotCountAsync(id));
        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", new JsonArray(TestEditions.Ballot("44051401359", "c1")))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)report["recorded"]!);
    }

    [Fact]
    public async Task CastBallot_OutsideWindow_Returns409VotingNotOpen()
    {
        var edition = TestEditions.Sample("x");
        edition["votingOpensAt"] = "2090-01-01T00:00:00+01:00";
        var id = await CreateEditionAsync(edition);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot("44051401359", "c1"))).AssertProblemAsync(HttpStatusCode.Conflict, "voting-not-open");
        Assert.Equal(0, await BallotCountAsync(id));
    }

    [Fact]
    public async Task CastBallot_VoterTooYoung_Returns403VoterNotEligible()
    {
        var id = await CreateEditionAsync(TestEditions.Sample("x", minVoterAge: 16));
        var child = Pesels.Make(DateOnly.FromDateTime(DateTime.Today).AddYears(-10), 123);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(child, "c1"))).AssertProblemAsync(HttpStatusCode.Forbidden, "voter-not-eligible");
        await AssertNothingRecordedAsync(id, Pesels.Make(new DateOnly(1980, 5, 5), 77));
    }

    [Fact]
    public async Task CastBallot_BrokenRules_Returns422InvalidBallotListingEveryRule()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        // city: 4 picks > max 3 and cost 500 > 300; two district pools > maxDistrictPools 1.
        var ballot = TestEditions.Ballot(pesel, "c1", "c2", "c3", "c4", "n1", "k1");
        var problem = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", ballot)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        var rules = problem["errors"]!.AsArray().Select(e => (string?)e!["rule"]).ToList();
        Assert.Contains("max-selections", rules);
        Assert.Contains("max-total-cost", rules);
        Assert.Contains("max-district-pools", rules);
        Assert.All(problem["errors"]!.AsArray(), e => Assert.False(string.IsNullOrEmpty((string?)e!["message"])));
        Assert.Equal("city", (string?)problem["errors"]!.AsArray().First(e => (string?)e!["rule"] == "max-selections")!["poolId"]);
        await AssertNothingRecordedAsync(id, pesel);
    }

    [Theory]
    [InlineData("unknown-project", "zz")]
    [InlineData("duplicate-project", "c1", "c1")]
    public async Task CastBallot_BadPicks_Returns422WithRule(string rule, params string[] picks)
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var problem = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, picks))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        Assert.Contains(rule, problem["errors"]!.AsArray().Select(e => (string?)e!["rule"]));
        await AssertNothingRecordedAsync(id, pesel);
    }

    [Fact]
    public async Task CastBallot_EmptySelections_Returns422()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        await AssertNothingRecordedAsync(id, pesel);
    }

    [Fact]
    public async Task CastBallot_CumulativeAndKnapsackRules_AreChecked()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var tooMany = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.PointsBallot(pesel, ("s1", 6), ("s2", 5)))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        var rules = tooMany["errors"]!.AsArray().Select(e => (string?)e!["rule"]).ToList();
        Assert.Contains("max-points-per-project", rules);
        Assert.Contains("max-points", rules);
        var underSpent = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, "k3"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        Assert.Contains("min-spend", underSpent["errors"]!.AsArray().Select(e => (string?)e!["rule"]));
        var overBudget = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, "k1", "k2", "k3"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        Assert.Contains("over-budget", overBudget["errors"]!.AsArray().Select(e => (string?)e!["rule"]));
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.PointsBallot(pesel, ("s1", 5), ("s2", 2)))).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Tallies_FollowEachBallotType()
    {
        var id = await CreateEditionAsync();
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1", "n2", "n1"))).AssertStatusAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1", "n1"))).AssertStatusAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.PointsBallot(Pesels.NextAdult(), ("c2", 9), ("s1", 4), ("s2", 3)))).AssertStatusAsync(HttpStatusCode.Created);
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).ReadJsonAsync();
        Assert.Equal(3, (long)results["ballots"]!);
        (long Votes, long Score) Of(string pool, string project)
        {
            var p = results["pools"]!.AsArray().Single(x => (string?)x!["poolId"] == pool)!["projects"]!.AsArray().Single(x => (string?)x!["projectId"] == project)!;
            return ((long)p["votes"]!, (long)p["score"]!);
        }
        Assert.Equal((2, 2), Of("city", "c1"));
        Assert.Equal((1, 1), Of("city", "c2"));   // points are ignored outside cumulative pools
        Assert.Equal((2, 3 + 2), Of("north", "n1")); // ranked 2nd (2 points) then 1st (3 points)
        Assert.Equal((1, 3), Of("north", "n2"));
        Assert.Equal((1, 4), Of("south", "s1"));
        Assert.Equal((1, 3), Of("south", "s2"));
    }
}
