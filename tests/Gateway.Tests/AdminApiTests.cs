using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Admin endpoints: auth, create, import, phase, paper ballots.</summary>
public sealed class AdminApiTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic dGVzdA==")]
    public async Task AdminEndpoints_WithoutValidToken_Return401AndChangeNothing(string? authorization)
    {
        var id = TestEditions.NewId();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/editions") { Content = new StringContent(TestEditions.Sample(id).ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        await (await _client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await _client.GetAsync($"/api/v1/editions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        await (await _client.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await _client.PostRawAsync("/api/v1/admin/initiatives", "{}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task CreateEdition_Twice_Returns409EditionExists()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var changed = TestEditions.Sample(id);
        changed["name"] = "Other";
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", changed)).AssertProblemAsync(HttpStatusCode.Conflict, "edition-exists");
        Assert.StartsWith("Test edition", (string?)(await (await _client.GetAsync($"/api/v1/editions/{id}")).ReadJsonAsync())["name"]);
    }

    [Fact]
    public async Task CreateEdition_Invalid_Returns422WithEveryProblem()
    {
        var edition = TestEditions.Sample(TestEditions.NewId());
        edition["votingClosesAt"] = "2000-01-01T00:00:00+01:00";
        edition["pools"]![0]!["ballot"]!["type"] = "plurality";
        var problem = await (await _admin.PostJsonAsync("/api/v1/admin/editions", edition)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-edition");
        Assert.Equal(2, problem["errors"]!.AsArray().Count);
        await (await _client.GetAsync($"/api/v1/editions/{edition["id"]}")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
    }

    [Theory]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("{\"id\":\"x\",\"name\":\"n\",\"votingOpensAt\":\"yesterday\",\"votingClosesAt\":\"2030-01-01T00:00:00Z\",\"pools\":[]}")]
    [InlineData("<edition/>")]
    public async Task CreateEdition_Malformed_Returns400(string body)
    {
        await (await _admin.PostRawAsync("/api/v1/admin/editions", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task Phase_UnknownEditionOrPhase_ReturnsProblems()
    {
        await (await _admin.PostJsonAsync("/api/v1/admin/editions/none/phase", new JsonObject { ["phase"] = "closed" })).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "archived" })).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal("voting", (string?)(await (await _client.GetAsync($"/api/v1/editions/{id}")).ReadJsonAsync())["phase"]);
    }

    [Fact]
    public async Task Import_Pabulib_CreatesOnePoolEditionInVotingWithMappedRules()
    {
        var id = TestEditions.NewId();
        var text = await File.ReadAllTextAsync(SharedFiles.Pabulib("poland_krakow_2021_bienczyce.pb"));
        var edition = await (await _admin.PostRawAsync($"/api/v1/admin/editions/import?format=pabulib&id={id}", text, "text/plain")).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("voting", (string?)edition["phase"]);
        var pool = edition["pools"]!.AsArray().Single()!;
        Assert.Equal(1222744, (long)pool["budget"]!);
        Assert.Equal("ordinal", (string?)pool["ballot"]!["type"]);
        Assert.Equal([3, 2, 1], pool["ballot"]!["points"]!.AsArray().Select(p => (int)p!));
        Assert.Equal(24, pool["projects"]!.AsArray().Count);
        await (await _admin.PostRawAsync($"/api/v1/admin/editions/import?format=pabulib&id={id}", text, "text/plain")).AssertProblemAsync(HttpStatusCode.Conflict, "edition-exists");
    }

    [Fact]
    public async Task Import_Malformed_Returns400AndCreatesNothing()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostRawAsync($"/api/v1/admin/editions/import?format=pabulib&id={id}", "PROJECTS\nproject_id;cost\n1;10\n", "text/plain")).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        // a budget that is not a positive integer is an invalid edition, naming the key (issue 9)
        await (await _admin.PostRawAsync($"/api/v1/admin/editions/import?format=pabulib&id={id}", "META\nkey;value\nvote_type;approval\nbudget;abc\nPROJECTS\nproject_id;cost\n1;10\n", "text/plain")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-edition");
        await (await _admin.PostRawAsync($"/api/v1/admin/editions/import?format=xlsx&id={id}", "x", "text/plain")).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await (await _admin.PostRawAsync("/api/v1/admin/editions/import?format=pabulib", "x", "text/plain")).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await (await _client.GetAsync($"/api/v1/editions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
    }

    [Fact]
    public async Task PaperBallots_ShareTheExactlyOnceRuleWithOnlineBallots()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var online = Pesels.NextAdult();
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(online, "c1"))).AssertStatusAsync(HttpStatusCode.Created);
        var paper = Pesels.NextAdult();
        var batch = new JsonArray
        {
            TestEditions.Ballot(paper, "c2"),
            TestEditions.Ballot(online, "c3"),
            TestEditions.Ballot(Pesels.NextAdult(), "zz"),
            TestEditions.Ballot("123", "c1"),
            TestEditions.Ballot(paper, "c2"),
        };
        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", batch)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)report["recorded"]!);
        Assert.Equal(2, (int)report["duplicate"]!);
        Assert.Equal(2, (int)report["invalid"]!);
        var outcomes = report["ballots"]!.AsArray().Select(b => (string?)b!["outcome"]).ToList();
        Assert.Equal("duplicate", outcomes[1]);
        Assert.Equal("invalid", outcomes[2]);
        Assert.Contains("unknown-project", report["ballots"]![2]!["errors"]!.AsArray().Select(e => (string?)e!["rule"]));
        Assert.Equal("invalid-pesel", (string?)report["ballots"]![3]!["code"]);
        Assert.Equal(2, (long)(await (await _client.GetAsync($"/api/v1/editions/{id}/results")).ReadJsonAsync())["ballots"]!);
        // and an online ballot by the paper voter is now a duplicate
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(paper, "c4"))).AssertProblemAsync(HttpStatusCode.Conflict, "already-voted");
    }
}
