using System.Net;
using System.Text;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Issue 9, finding 5: hostile pabulib files are refused with 422 invalid-edition naming the key, never a 500.</summary>
public sealed class PabulibHostileTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    private static string File(string meta = "vote_type;approval\nbudget;1000\nmax_length;2\n", string projects = "1;100;A\n2;200;B\n") =>
        "META\nkey;value\ndescription;Test\n" + meta + "PROJECTS\nproject_id;cost;name\n" + projects;

    public static TheoryData<string, string> Hostile() => new()
    {
        { File(meta: "vote_type;approval\nbudget;1000\nmax_length;2000000000\n"), "max_length" },
        { File(meta: "vote_type;ordinal\nbudget;1000\nmax_length;3\n"), "max_length" },
        { File(meta: "vote_type;ordinal\nbudget;1000\nmin_length;5\n"), "min_length" },
        { File(meta: "vote_type;cumulative\nbudget;1000\n"), "max_sum_points" },
        { File(meta: "vote_type;cumulative\nbudget;1000\nmax_sum_points;2147483647\n"), "max_sum_points" },
        { File(meta: "vote_type;approval\nbudget;-5\n"), "budget" },
        { File(meta: "vote_type;approval\nbudget;0\n"), "budget" },
        { File(meta: "vote_type;approval\nbudget;abc\n"), "budget" },
        { File(meta: "vote_type;approval\nbudget;99999999999999999999\n"), "budget" },
        { File(meta: "vote_type;approval\nbudget;1000\nmax_sum_cost;-1\n"), "max_sum_cost" },
        { File(projects: "1;0;A\n"), "cost" },
        { File(projects: "1;-100;A\n"), "cost" },
        { File(projects: "1;12.5;A\n"), "cost" },
        { File(projects: "1;x;A\n"), "cost" },
        { File(projects: "1;9223372036854775807;A\n2;9223372036854775807;B\n"), "cost" },
        { File(projects: string.Concat(Enumerable.Range(1, 10_001).Select(i => $"{i};10;P\n"))), "projects" },
        { File(meta: "vote_type;approval\nbudget;1000\nsubunit;" + new string('x', 70_000) + "\n"), "line" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileFile_Is422InvalidEdition_NamingTheKey(string text, string key) =>
        await AssertRefusedAsync(new StringContent(text, Encoding.UTF8, "text/plain"), key);

    [Fact]
    public async Task InvalidUtf8_Is422InvalidEdition()
    {
        var bytes = Encoding.UTF8.GetBytes(File()).Concat(new byte[] { 0xC3, 0x28, 0xFF, (byte)'\n' }).ToArray();
        await AssertRefusedAsync(new ByteArrayContent(bytes), "encoding");
    }

    private async Task AssertRefusedAsync(HttpContent content, string key)
    {
        var id = TestEditions.NewId();
        var response = await _admin.PostAsync($"/api/v1/admin/editions/import?format=pabulib&id={id}", content);
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-edition");
        Assert.True(key == (string?)problem["key"], problem.ToJsonString());
        Assert.Contains(key, (string?)problem["detail"], StringComparison.Ordinal);
        await (await _client.GetAsync($"/api/v1/editions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
    }

    [Fact]
    public async Task AFileWithinTheBounds_IsImported() =>
        await (await _admin.PostAsync($"/api/v1/admin/editions/import?format=pabulib&id={TestEditions.NewId()}", new StringContent(File(), Encoding.UTF8, "text/plain")))
            .AssertStatusAsync(HttpStatusCode.Created);
}

/// <summary>The import size limit is a configuration key; over it, 400 malformed-request as for any body over its limit.</summary>
public sealed class PabulibImportLimitTests
{
    [Fact]
    public async Task ImportMaxBytes_IsConfigurable()
    {
        await using var factory = GatewayFactory.With(new Dictionary<string, string> { ["Import:MaxBytes"] = "200" });
        var admin = factory.CreateAdminClient();
        var text = "META\nkey;value\nvote_type;approval\nbudget;1000\nPROJECTS\nproject_id;cost;name\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"{i};10;P\n"));
        await (await admin.PostRawAsync($"/api/v1/admin/editions/import?format=pabulib&id={TestEditions.NewId()}", text, "text/plain"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }
}
