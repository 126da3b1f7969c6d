using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Issue 9, findings 4 and 6: ids checked at the gateway, JSON endpoints take JSON only, CORS off unless configured.</summary>
public sealed class BoundedInputTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    public static TheoryData<string> BadIds() => ["-leading-dash", "a b", "x%2Fy", new string('a', 65), "ą", "a;b", "..."];

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task IllFormedEditionIds_AreUnknownEditions(string id)
    {
        var path = Uri.EscapeDataString(id);
        await (await _client.GetAsync($"/api/v1/editions/{path}")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        await (await _client.GetAsync($"/api/v1/editions/{path}/results")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        await (await _client.PostJsonAsync($"/api/v1/editions/{path}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1"))).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{path}/phase", new JsonObject { ["phase"] = "closed" })).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task IllFormedInitiativeIds_AreUnknownInitiatives(string id)
    {
        var path = Uri.EscapeDataString(id);
        await (await _client.GetAsync($"/api/v1/initiatives/{path}")).AssertProblemAsync(HttpStatusCode.NotFound, "initiative-not-found");
        var signer = new JsonObject { ["voter"] = new JsonObject { ["pesel"] = Pesels.NextAdult() } };
        await (await _client.PostJsonAsync($"/api/v1/initiatives/{path}/signatures", signer)).AssertProblemAsync(HttpStatusCode.NotFound, "initiative-not-found");
    }

    [Theory]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")] // upper case
    [InlineData("0123456789abcdef0123456789abcde")] // 31
    [InlineData("0123456789abcdef0123456789abcdef0")] // 33
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task IllFormedReceiptIds_AreUnknownReceipts(string id) =>
        await (await _client.GetAsync($"/api/v1/receipts/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "receipt-not-found");

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/xml")]
    public async Task ABallotThatIsNotJson_Is415_AndRecordsNothing(string contentType)
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var ballot = TestEditions.Ballot(Pesels.NextAdult(), "c1");
        await (await PostAsAsync(_client, $"/api/v1/editions/{id}/ballots", ballot.ToJsonString(), contentType)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        var signer = new JsonObject { ["voter"] = new JsonObject { ["pesel"] = Pesels.NextAdult() } };
        await (await PostAsAsync(_client, "/api/v1/initiatives/x1/signatures", signer.ToJsonString(), contentType)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await (await PostAsAsync(_admin, $"/api/v1/admin/editions/{id}/phase", "{\"phase\":\"closed\"}", contentType)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, (long)results["ballots"]!);
        Assert.Equal("voting", (string?)(await (await _client.GetAsync($"/api/v1/editions/{id}")).ReadJsonAsync())["phase"]);
        // the same ballot as JSON: recorded, so nothing was before
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", ballot)).AssertStatusAsync(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> PostAsAsync(HttpClient client, string path, string body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body) };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task AnOversizedJsonBody_KeepsAnswering400()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var huge = "{\"voter\":{\"pesel\":\"44051401359\"},\"selections\":[" + string.Join(',', Enumerable.Repeat("{\"projectId\":\"c1\"}", 10_000)) + "]}";
        await (await _client.PostRawAsync($"/api/v1/editions/{id}/ballots", huge)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task Cors_IsOffByDefault()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/editions/x/ballots");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await _client.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

/// <summary>CORS for the configured origins only.</summary>
public sealed class CorsConfiguredTests
{
    public sealed class Factory() : GatewayFactory(new Dictionary<string, string> { ["Cors:Origins"] = "https://glosuj.example.pl" });

    [Fact]
    public async Task Cors_AllowsOnlyTheConfiguredOrigins()
    {
        await using var factory = new Factory();
        var client = factory.CreateClient();
        foreach (var (origin, allowed) in new[] { ("https://glosuj.example.pl", true), ("https://evil.example", false) })
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/editions/x/ballots");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            var response = await client.SendAsync(request);
            Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Contains(origin));
        }
    }
}

/// <summary>Issue 9, finding 4: an unknown (well-formed) id costs no lasting grain activation.</summary>
public sealed class UnknownIdMemoryTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task UnknownEditionAndInitiativeIds_LeaveNoActivationBehind()
    {
        var client = factory.CreateClient();
        var edition = TestEditions.NewId();
        var initiative = "i-" + Guid.NewGuid().ToString("N")[..10];
        await (await client.GetAsync($"/api/v1/editions/{edition}")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        await (await client.GetAsync($"/api/v1/editions/{edition}/results")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        await (await client.GetAsync($"/api/v1/initiatives/{initiative}")).AssertProblemAsync(HttpStatusCode.NotFound, "initiative-not-found");

        var management = factory.Services.GetRequiredService<Orleans.IGrainFactory>().GetGrain<Orleans.Runtime.IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        List<string> active;
        do
        {
            await Task.Delay(50, TestContext.Current.CancellationToken); // deactivation runs just after the call is answered
            var statistics = await management.GetDetailedGrainStatistics();
            active = statistics.Select(s => s.GrainId.Key.ToString()!).Where(k => k == edition || k == initiative).ToList();
        }
        while (active.Count > 0 && DateTime.UtcNow < deadline);
        Assert.Empty(active);
    }
}
