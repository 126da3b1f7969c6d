using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Issue 9, finding 9: /metrics, /ops and /dashboard are behind the admin token, or only on Management:Urls.</summary>
public sealed class ManagementSurfaceTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/ops")]
    [InlineData("/ops/snapshot")]
    public async Task WithoutTheAdminToken_Is401(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/ops")]
    [InlineData("/ops/snapshot")]
    public async Task WithTheAdminTokenAsBearerOrBasicPassword_IsServed(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateAdminClient().GetAsync(path)).StatusCode);
        var browser = factory.CreateClient();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + GatewayFactory.AdminToken)));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task HealthStaysPublic() =>
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/live")).StatusCode);

    [Fact]
    public async Task WithManagementUrls_TheSurfaceIsOnlyOnTheManagementPort()
    {
        const string Token = "management-test-token-0123456789abcdef";
        var port = GatewayProcess.FreePort();
        var data = Path.Combine(Path.GetTempPath(), "voting-management-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(data, Token, "--Management:Urls", $"http://127.0.0.1:{port}");
            using var publicClient = gateway.CreateClient(Token);
            using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            foreach (var path in new[] { "/metrics", "/ops", "/ops/snapshot" })
            {
                await (await publicClient.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
                Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(path)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await publicClient.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
