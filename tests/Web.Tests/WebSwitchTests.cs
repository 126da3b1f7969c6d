using System.Net;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Web.Tests;

/// <summary>Web:Enabled (default on) and what the pages are served with.</summary>
public sealed class WebSwitchTests
{
    [Fact]
    public async Task Pages_AreServedByDefault_WithASelfOnlyContentSecurityPolicy()
    {
        await using var gateway = new GatewayFactory();
        using var client = gateway.CreateClient();
        foreach (var path in (string[])["/", "/admin/", "/js/app.js", "/vendor/chartjs/chart.umd.min.js", "/config.json"])
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        }
        var config = await (await client.GetAsync("/config.json")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("pesel", (string?)config["identityMode"]);
        // The API keeps its own answers (no page policy on JSON endpoints).
        var api = await client.GetAsync("/api/v1/editions/nope");
        await api.AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        Assert.False(api.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task WebEnabledFalse_TurnsThePagesOff_AndLeavesTheApi()
    {
        await using var gateway = GatewayFactory.With(new() { ["Web:Enabled"] = "false" });
        using var client = gateway.CreateClient();
        foreach (var path in (string[])["/", "/index.html", "/admin/", "/js/app.js", "/config.json"])
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
        await (await client.GetAsync("/api/v1/editions/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task ConfigJson_NamesTheIdentityModeAndTheListedEditions()
    {
        await using var gateway = GatewayFactory.With(new() { ["Web:Editions"] = "krakow-2026, gdansk-2026", ["Web:Initiatives"] = "zielen" });
        using var client = gateway.CreateClient();
        var config = await (await client.GetAsync("/config.json")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(["krakow-2026", "gdansk-2026"], config["editions"]!.AsArray().Select(e => (string)e!));
        Assert.Equal(["zielen"], config["initiatives"]!.AsArray().Select(e => (string)e!));
        Assert.Null(config["oidc"]);
    }

    [Fact]
    public async Task OidcMode_ConfigJsonNamesTheIssuerAndClient_AndThePolicyLetsThePagesReachTheIssuerOnly()
    {
        await using var gateway = GatewayFactory.With(new()
        {
            ["Identity:Mode"] = "oidc",
            ["Identity:Oidc:Authority"] = "https://sso.city.example/realms/residents",
            ["Identity:Oidc:Audience"] = "voting-api",
            ["Web:Oidc:ClientId"] = "voting-web",
        });
        using var client = gateway.CreateClient();
        var response = await client.GetAsync("/config.json");
        var config = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("oidc", (string?)config["identityMode"]);
        Assert.Equal("https://sso.city.example/realms/residents", (string?)config["oidc"]!["authority"]);
        Assert.Equal("voting-web", (string?)config["oidc"]!["clientId"]);
        Assert.Equal("openid", (string?)config["oidc"]!["scope"]);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("connect-src 'self' https://sso.city.example;", csp, StringComparison.Ordinal);
    }
}
