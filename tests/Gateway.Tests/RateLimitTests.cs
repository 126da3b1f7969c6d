using System.Net;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>429 rate-limited with Retry-After, and nothing recorded for a rejected ballot.</summary>
public sealed class RateLimitTests(RateLimitedGatewayFactory factory) : IClassFixture<RateLimitedGatewayFactory>
{
    [Fact]
    public async Task CastBallot_OverTheLimit_Returns429WithRetryAfterAndRecordsNothing()
    {
        var admin = factory.CreateAdminClient();
        var id = TestEditions.NewId();
        await (await admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var client = factory.CreateClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1")));
        }
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        await limited[0].AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(limited[0].Headers.RetryAfter is not null);
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(10, created + limited.Count);
        // Admin endpoints are not limited: read the count with the admin export.
        var csv = await (await admin.GetAsync($"/api/v1/admin/editions/{id}/export?format=csv&part=ballots")).Content.ReadAsStringAsync();
        Assert.Equal(created, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
    }
}
