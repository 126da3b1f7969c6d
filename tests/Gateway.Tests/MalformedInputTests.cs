using System.Net;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Odd input at every kind of endpoint gets a problem with a code, never a 500.</summary>
public sealed class MalformedInputTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    [Theory]
    [InlineData("/api/v1/editions/{id}/ballots", "{\"voter\":{\"pesel\":\"44051401359\"},\"selections\":[null]}")]
    [InlineData("/api/v1/editions/{id}/ballots", "{\"voter\":{\"pesel\":\"44051401359\"},\"selections\":[{\"projectId\":\"c1\",\"points\":1e40}]}")]
    [InlineData("/api/v1/editions/{id}/ballots", "{\"voter\":{\"pesel\":[]},\"selections\":[]}")]
    [InlineData("/api/v1/editions/{id}/ballots", "{\"voter\":{\"pesel\":\"44051401359\"},\"selections\":{}}")]
    [InlineData("/api/v1/editions/{id}/ballots", "{\"voter\":{\"pesel\":\"44051401359\"},\"selections\":[{\"projectId\":null}]}")]
    [InlineData("/api/v1/admin/editions/{id}/paper-ballots", "[null]")]
    [InlineData("/api/v1/admin/editions/{id}/paper-ballots", "{}")]
    [InlineData("/api/v1/admin/editions/{id}/registry", "{\"pesels\":[null]}")]
    [InlineData("/api/v1/admin/editions/{id}/registry", "{\"pesels\":\"44051401359\"}")]
    [InlineData("/api/v1/admin/editions/{id}/phase", "{\"phase\":null}")]
    [InlineData("/api/v1/admin/editions/{id}/phase", "\"closed\"")]
    [InlineData("/api/v1/admin/editions", "{\"id\":\"x\",\"name\":\"n\",\"votingOpensAt\":\"2020-01-01T00:00:00Z\",\"votingClosesAt\":\"2030-01-01T00:00:00Z\",\"pools\":[null]}")]
    [InlineData("/api/v1/admin/initiatives", "{\"id\":\"i\",\"title\":\"t\",\"collectFrom\":\"x\",\"collectUntil\":\"y\"}")]
    [InlineData("/api/v1/admin/editions/import?format=pabulib&id=x&includeVotes=maybe", "META")]
    public async Task MalformedBodies_Return400MalformedRequest(string path, string body)
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var client = path.Contains("/admin/", StringComparison.Ordinal) ? _admin : _client;
        await (await client.PostRawAsync(path.Replace("{id}", id, StringComparison.Ordinal), body)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).ReadJsonAsync();
        Assert.Equal(0, (long)results["ballots"]!);
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_AreProblemsWithCodes()
    {
        await (await _client.GetAsync("/api/v1/nothing-here")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await _client.DeleteAsync("/api/v1/editions/x/ballots")).AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }
}
