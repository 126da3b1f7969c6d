using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Initiatives: creation, signing (18+, once, inside the window), status by committed count.</summary>
public sealed class InitiativesApiTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    private async Task<string> CreateAsync(int? threshold = 2, string from = "2020-01-01T00:00:00+01:00", string until = "2099-01-01T00:00:00+01:00", long? population = null)
    {
        var id = "i-" + Guid.NewGuid().ToString("N")[..10];
        var body = new JsonObject { ["id"] = id, ["title"] = "Park instead of a car park", ["collectFrom"] = from, ["collectUntil"] = until };
        if (threshold is not null)
        {
            body["threshold"] = threshold;
        }
        if (population is not null)
        {
            body["population"] = population;
        }
        await (await _admin.PostJsonAsync("/api/v1/admin/initiatives", body)).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    private static JsonObject Signer(string pesel) => new() { ["voter"] = new JsonObject { ["pesel"] = pesel } };

    [Fact]
    public async Task Sign_ReachesThresholdExactlyAtTheThresholdthSignature()
    {
        var id = await CreateAsync(threshold: 2);
        var first = await (await _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", Signer(Pesels.NextAdult()))).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(1, (long)first["signatures"]!);
        Assert.Equal(id, (string?)first["initiativeId"]);
        Assert.NotNull(first["signedAt"]);
        Assert.Equal("collecting", (string?)(await (await _client.GetAsync($"/api/v1/initiatives/{id}")).ReadJsonAsync())["status"]);
        await (await _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", Signer(Pesels.NextAdult()))).AssertStatusAsync(HttpStatusCode.Created);
        var view = await (await _client.GetAsync($"/api/v1/initiatives/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("threshold-reached", (string?)view["status"]);
        Assert.Equal(2, (long)view["signatures"]!);
        Assert.Equal(2, (int)view["threshold"]!);
    }

    [Fact]
    public async Task Sign_Twice_Returns200WithOriginalReceiptAndCountsOnce()
    {
        var id = await CreateAsync(threshold: 5);
        var pesel = Pesels.NextAdult();
        var first = await (await _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", Signer(pesel))).AssertStatusAsync(HttpStatusCode.Created);
        var again = await (await _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", Signer(pesel))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((string?)first["receiptId"], (string?)again["receiptId"]);
        Assert.Equal(1, (long)(await (await _client.GetAsync($"/api/v1/initiatives/{id}")).ReadJsonAsync())["signatures"]!);
    }

    [Fact]
    public async Task Sign_Under18_Returns403AndRecordsNothing()
    {
        var id = await CreateAsync();
        var minor = Pesels.Make(DateOnly.FromDateTime(DateTime.Today).AddYears(-17), 5);
        await (await _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", Signer(minor))).AssertProblemAsync(HttpStatusCode.Forbidden, "voter-not-eligible");
        Assert.Equal(0, (long)(await (await _client.GetAsync($"/api/v1/initiatives/{id}")).ReadJsonAsync())["signatures"]!);
    }

    [Fact]
    public async Task Sign_OutsideWindow_Returns409CollectionClosedAndStatusExpired()
    {
        var id = await CreateAsync(from: "2020-01-01T00:00:00+01:00", until: "2020-02-01T00:00:00+01:00");
        await (await _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", Signer(Pesels.NextAdult()))).AssertProblemAsync(HttpStatusCode.Conflict, "collection-closed");
        var view = await (await _client.GetAsync($"/api/v1/initiatives/{id}")).ReadJsonAsync();
        Assert.Equal("expired", (string?)view["status"]);
        Assert.Equal(0, (long)view["signatures"]!);
    }

    [Fact]
    public async Task Sign_Errors_UseTheDocumentedCodes()
    {
        await (await _client.PostJsonAsync("/api/v1/initiatives/none/signatures", Signer(Pesels.NextAdult()))).AssertProblemAsync(HttpStatusCode.NotFound, "initiative-not-found");
        await (await _client.GetAsync("/api/v1/initiatives/none")).AssertProblemAsync(HttpStatusCode.NotFound, "initiative-not-found");
        var id = await CreateAsync();
        await (await _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures", Signer("12345678901"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-pesel");
        await (await _client.PostRawAsync($"/api/v1/initiatives/{id}/signatures", "{\"voter\":{}}")).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(0, (long)(await (await _client.GetAsync($"/api/v1/initiatives/{id}")).ReadJsonAsync())["signatures"]!);
    }

    [Theory]
    [InlineData(4_000, 100)]
    [InlineData(5_000, 100)]
    [InlineData(5_001, 200)]
    [InlineData(20_000, 200)]
    [InlineData(800_000, 300)]
    public async Task Create_WithPopulationOnly_UsesStatutoryThreshold(long population, int threshold)
    {
        var id = await CreateAsync(threshold: null, population: population);
        Assert.Equal(threshold, (int)(await (await _client.GetAsync($"/api/v1/initiatives/{id}")).ReadJsonAsync())["threshold"]!);
    }
}
