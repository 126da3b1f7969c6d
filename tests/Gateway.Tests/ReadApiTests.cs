using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Resident reads: editions, results visibility, receipts, initiatives; health probes.</summary>
public sealed class ReadApiTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    [Fact]
    public async Task GetEdition_Known_ReturnsTheDocumentWithPhase()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var edition = await (await _client.GetAsync($"/api/v1/editions/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(id, (string?)edition["id"]);
        Assert.Equal("voting", (string?)edition["phase"]);
        Assert.Equal(4, edition["pools"]!.AsArray().Count);
        Assert.Equal("ordinal", (string?)edition["pools"]![1]!["ballot"]!["type"]);
        Assert.Equal(3, edition["pools"]![1]!["ballot"]!["points"]!.AsArray().Count);
    }

    [Fact]
    public async Task GetEdition_Unknown_Returns404()
    {
        await (await _client.GetAsync("/api/v1/editions/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        await (await _client.GetAsync("/api/v1/editions/nope/results")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
    }

    [Fact]
    public async Task GetResults_WhileVotingWithoutLiveResults_Returns403ResultsHidden_ThenShownWhenClosed()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id, liveResults: false))).AssertStatusAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1"))).AssertStatusAsync(HttpStatusCode.Created);
        await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertProblemAsync(HttpStatusCode.Forbidden, "results-hidden");
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" })).AssertStatusAsync(HttpStatusCode.OK);
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("provisional", (string?)results["status"]);
        Assert.Equal(1, (long)results["ballots"]!);
    }

    [Fact]
    public async Task Final_FreezesResultsAndRefusesFurtherChanges()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c2"))).AssertStatusAsync(HttpStatusCode.Created);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" })).AssertStatusAsync(HttpStatusCode.OK);
        var final = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "final" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotNull(final["certifiedAt"]);
        Assert.Equal("admin", (string?)final["certifiedBy"]);
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("final", (string?)results["status"]);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "voting" })).AssertProblemAsync(HttpStatusCode.Conflict, "phase-change-not-allowed");
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1"))).AssertProblemAsync(HttpStatusCode.Conflict, "voting-not-open");
    }

    [Fact]
    public async Task GetReceipt_Unknown_Returns404ReceiptNotFound()
    {
        await (await _client.GetAsync("/api/v1/receipts/0123456789abcdef0123456789abcdef")).AssertProblemAsync(HttpStatusCode.NotFound, "receipt-not-found");
        await (await _client.GetAsync("/api/v1/receipts/not-a-receipt")).AssertProblemAsync(HttpStatusCode.NotFound, "receipt-not-found");
    }

    [Fact]
    public async Task Receipt_RevealsNeitherVoterNorChoices()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var pesel = Pesels.NextAdult();
        var created = await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(pesel, "c4"));
        var text = await (await _client.GetAsync(created.Headers.Location)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(pesel, text);
        Assert.Equal(["castAt", "editionId", "receiptId", "status"], JsonNode.Parse(text)!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Health_LiveAndReady_Return200()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
    }
}
