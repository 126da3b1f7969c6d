using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Ops.Tests;

/// <summary>The Orleans Dashboard of the embedded silo is served only behind the admin token.</summary>
public sealed class DashboardTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic b3BzOndyb25nLXRva2Vu")] // ops:wrong-token
    public async Task Dashboard_WithoutTheAdminToken_Is401WithABasicChallenge(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_WithTheAdminTokenAsBearerOrBasicPassword_IsServed()
    {
        var bearer = await factory.CreateAdminClient().GetAsync("/dashboard/", TestContext.Current.CancellationToken);
        var browser = factory.CreateClient();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + GatewayFactory.AdminToken)));
        var basic = await browser.GetAsync("/dashboard/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Contains("html", (await basic.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ToLowerInvariant());
    }
}
