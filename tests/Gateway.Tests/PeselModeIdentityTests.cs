using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>The default <c>pesel</c> mode answers as before issue 10: the PESEL in the body is required, a bearer token means nothing.</summary>
public sealed class PeselModeIdentityTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    private async Task<string> CreateEditionAsync()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("{\"pesel\":null}")]
    [InlineData("{\"district\":\"north\"}")]
    public async Task Ballot_WithoutAVoterPesel_Is400Malformed(string? voter)
    {
        var id = await CreateEditionAsync();
        var ballot = TestEditions.Ballot(Pesels.NextAdult(), "c1");
        ballot.Remove("voter");
        if (voter is not null)
        {
            ballot["voter"] = JsonNode.Parse(voter);
        }

        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", ballot)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task Signature_WithoutAVoter_Is400Malformed_AndABadPeselIs422()
    {
        var path = "/api/v1/initiatives/i-" + Guid.NewGuid().ToString("N")[..10] + "/signatures";

        await (await _client.PostJsonAsync(path, new JsonObject())).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await (await _client.PostJsonAsync(path, CycleEditions.Voter("12345678901"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-pesel");
    }

    [Fact]
    public async Task ABearerToken_IsIgnored_ThePeselOfTheBodyVotes()
    {
        var id = await CreateEditionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/editions/{id}/ballots")
        {
            Content = new StringContent(TestEditions.Ballot(Pesels.NextAdult(), "c1").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.jwt");

        await (await _client.SendAsync(request)).AssertStatusAsync(HttpStatusCode.Created);
    }
}
