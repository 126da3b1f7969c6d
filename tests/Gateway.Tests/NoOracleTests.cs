using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// Issue 9, findings 1 and 2: a failing request answers the same whether or not that PESEL
/// voted or signed (no oracle), records nothing, and never voids a ballot under the Łódź rule.
/// </summary>
public sealed class NoOracleTests(ShiftedTimeGatewayFactory factory) : IClassFixture<ShiftedTimeGatewayFactory>, IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    public void Dispose() => factory.Time.Offset = TimeSpan.Zero;

    private async Task<string> CreateAsync(Action<JsonObject>? change = null)
    {
        var id = TestEditions.NewId();
        var edition = TestEditions.Sample(id);
        change?.Invoke(edition);
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", edition)).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    private Task<HttpResponseMessage> VoteAsync(string id, JsonObject ballot) => _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", ballot);

    private static async Task<(HttpStatusCode Status, string? Code)> AnswerAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var code = body.Length > 0 && JsonNode.Parse(body) is JsonObject json ? (string?)json["code"] : null;
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, body);
        return (response.StatusCode, code);
    }

    /// <summary>Sends the failing request for a voter with a ballot and one without; both must get the expected answer.</summary>
    private static async Task AssertSameAnswerAsync(Func<string, Task<HttpResponseMessage>> send, string voted, string fresh, HttpStatusCode status, string code)
    {
        var withBallot = await AnswerAsync(await send(voted));
        var without = await AnswerAsync(await send(fresh));
        Assert.Equal(without, withBallot);
        Assert.Equal((status, code), withBallot);
    }

    private async Task AssertCountedAsync(string receiptId, string editionId, long ballots)
    {
        var receipt = await (await _client.GetAsync($"/api/v1/receipts/{receiptId}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("counted", (string?)receipt["status"]);
        var results = await (await _client.GetAsync($"/api/v1/editions/{editionId}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(ballots, (long)results["ballots"]!);
    }

    private async Task<string> VoteFirstAsync(string id, JsonObject ballot) =>
        (string)(await (await VoteAsync(id, ballot)).AssertStatusAsync(HttpStatusCode.Created))["receiptId"]!;

    [Theory]
    [InlineData("first-wins")]
    [InlineData("invalidate-all")]
    public async Task InvalidBallot_SameAnswerWithOrWithoutABallot_NothingVoided(string policy)
    {
        var id = await CreateAsync(e => e["duplicatePolicy"] = policy);
        var voted = Pesels.NextAdult();
        var receipt = await VoteFirstAsync(id, TestEditions.Ballot(voted, "c1"));

        await AssertSameAnswerAsync(p => VoteAsync(id, TestEditions.Ballot(p, "c1", "c2", "c3", "c4")), voted, Pesels.NextAdult(),
            HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        await AssertCountedAsync(receipt, id, 1);
    }

    [Fact]
    public async Task TooYoung_SameAnswerWithOrWithoutABallot()
    {
        var id = await CreateAsync(e => e["minVoterAge"] = 16);
        var birth = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-16).AddDays(-10);
        var voted = Pesels.Make(birth, 7001);
        var fresh = Pesels.Make(birth, 7002);
        var receipt = await VoteFirstAsync(id, TestEditions.Ballot(voted, "c1"));
        // both voters' grains activate on the real clock (Orleans' activation aging does not take a clock moved back):
        // the voter who voted left memory after the write, a replay (which writes nothing) brings it back
        await (await VoteAsync(id, TestEditions.Ballot(voted, "c1"))).AssertStatusAsync(HttpStatusCode.OK);
        await (await VoteAsync(id, TestEditions.Ballot(fresh, "c1", "c2", "c3", "c4"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");

        factory.Time.Offset = TimeSpan.FromDays(-20); // both are 15 again
        await AssertSameAnswerAsync(p => VoteAsync(id, TestEditions.Ballot(p, "c1")), voted, fresh, HttpStatusCode.Forbidden, "voter-not-eligible");
        factory.Time.Offset = TimeSpan.Zero;
        await AssertCountedAsync(receipt, id, 1);
    }

    [Fact]
    public async Task WrongDistrict_SameAnswerWithOrWithoutABallot_NothingVoided()
    {
        var id = await CreateAsync(e => { e["districtTiedToResidence"] = true; e["duplicatePolicy"] = "invalidate-all"; });
        var voted = Pesels.NextAdult();
        var first = TestEditions.Ballot(voted, "c1", "n1");
        first["voter"]!["district"] = "north";
        var receipt = await VoteFirstAsync(id, first);

        await AssertSameAnswerAsync(p =>
        {
            var ballot = TestEditions.Ballot(p, "c1", "n1");
            ballot["voter"]!["district"] = "south";
            return VoteAsync(id, ballot);
        }, voted, Pesels.NextAdult(), HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        await AssertCountedAsync(receipt, id, 1);
    }

    [Theory]
    [InlineData("first-wins")]
    [InlineData("invalidate-all")]
    public async Task OutsideTheWindow_AReplayIsRefusedLikeAnyBallot_NothingVoided(string policy)
    {
        var closesAt = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var id = await CreateAsync(e => { e["duplicatePolicy"] = policy; e["votingClosesAt"] = closesAt; });
        var voted = Pesels.NextAdult();
        var receipt = await VoteFirstAsync(id, TestEditions.Ballot(voted, "c1"));

        factory.Time.Offset = TimeSpan.FromHours(2);
        await AssertSameAnswerAsync(p => VoteAsync(id, TestEditions.Ballot(p, "c1")), voted, Pesels.NextAdult(), HttpStatusCode.Conflict, "voting-not-open");
        await AssertSameAnswerAsync(p => VoteAsync(id, TestEditions.Ballot(p, "c2")), voted, Pesels.NextAdult(), HttpStatusCode.Conflict, "voting-not-open");
        factory.Time.Offset = TimeSpan.Zero;
        await AssertCountedAsync(receipt, id, 1);
    }

    [Theory]
    [InlineData("first-wins")]
    [InlineData("invalidate-all")]
    public async Task Closed_AReplayIsRefusedLikeAnyBallot_PaperDuplicateVoidsNothing(string policy)
    {
        var id = await CreateAsync(e => e["duplicatePolicy"] = policy);
        var voted = Pesels.NextAdult();
        var receipt = await VoteFirstAsync(id, TestEditions.Ballot(voted, "c1"));
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" })).AssertStatusAsync(HttpStatusCode.OK);

        await AssertSameAnswerAsync(p => VoteAsync(id, TestEditions.Ballot(p, "c1")), voted, Pesels.NextAdult(), HttpStatusCode.Conflict, "voting-not-open");
        await AssertSameAnswerAsync(p => VoteAsync(id, TestEditions.Ballot(p, "c2")), voted, Pesels.NextAdult(), HttpStatusCode.Conflict, "voting-not-open");
        // a paper ballot keyed in after the close for the same person: a duplicate, never a void
        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", new JsonArray(TestEditions.Ballot(voted, "c2")))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("duplicate", (string?)report["ballots"]![0]!["outcome"]);
        await AssertCountedAsync(receipt, id, 1);
    }

    [Fact]
    public async Task UnknownEdition_SameAnswerWithOrWithoutABallot()
    {
        var id = await CreateAsync();
        var voted = Pesels.NextAdult();
        await VoteFirstAsync(id, TestEditions.Ballot(voted, "c1"));
        var unknown = TestEditions.NewId();
        await AssertSameAnswerAsync(p => VoteAsync(unknown, TestEditions.Ballot(p, "c1")), voted, Pesels.NextAdult(), HttpStatusCode.NotFound, "edition-not-found");
    }

    [Fact]
    public async Task Unregistered_SameAnswerWithOrWithoutABallot()
    {
        var id = await CreateAsync();
        var voted = Pesels.NextAdult();
        var receipt = await VoteFirstAsync(id, TestEditions.Ballot(voted, "c1"));
        // a registry loaded afterwards leaves both voters off it
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/registry", new JsonObject { ["pesels"] = new JsonArray(Pesels.NextAdult()) })).AssertStatusAsync(HttpStatusCode.OK);
        factory.Time.Advance(TimeSpan.FromSeconds(2)); // past the voter grains' one-second edition cache
        await AssertSameAnswerAsync(p => VoteAsync(id, TestEditions.Ballot(p, "c1")), voted, Pesels.NextAdult(), HttpStatusCode.Forbidden, "voter-not-eligible");
        await AssertCountedAsync(receipt, id, 1);
    }

    [Fact]
    public async Task ClosedInitiative_SameAnswerForSignersAndOthers()
    {
        var id = "i-" + Guid.NewGuid().ToString("N")[..10];
        var until = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var body = new JsonObject { ["id"] = id, ["title"] = "A park", ["threshold"] = 100, ["collectFrom"] = "2020-01-01T00:00:00+01:00", ["collectUntil"] = until };
        await (await _admin.PostJsonAsync("/api/v1/admin/initiatives", body)).AssertStatusAsync(HttpStatusCode.Created);
        var signer = Pesels.NextAdult();
        Task<HttpResponseMessage> Sign(string pesel) => _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", new JsonObject { ["voter"] = new JsonObject { ["pesel"] = pesel } });
        await (await Sign(signer)).AssertStatusAsync(HttpStatusCode.Created);
        await (await Sign(signer)).AssertStatusAsync(HttpStatusCode.OK); // a replay while open

        factory.Time.Offset = TimeSpan.FromHours(2);
        await AssertSameAnswerAsync(Sign, signer, Pesels.NextAdult(), HttpStatusCode.Conflict, "collection-closed");
    }
}
