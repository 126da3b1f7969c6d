using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// Issue 9, finding 8: X-Forwarded-For picks the rate-limit bucket only for requests from a
/// configured proxy (RateLimiting:KnownProxies); from anywhere else it is ignored.
/// </summary>
public sealed class ForwardedHeadersTests
{
    /// <summary>Every request arrives from 10.0.0.1 (the test server has no socket address).</summary>
    private sealed class FromAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class Factory(Dictionary<string, string> settings) : GatewayFactory(settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FromAddress>());
        }
    }

    private static Dictionary<string, string> Limited(string? proxies)
    {
        var settings = new Dictionary<string, string> { ["RateLimiting:PermitsPerSecond"] = "1", ["RateLimiting:Burst"] = "3" };
        if (proxies is not null)
        {
            settings["RateLimiting:KnownProxies"] = proxies;
        }
        return settings;
    }

    private static async Task<List<HttpStatusCode>> GetAsync(HttpClient client, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/no-such-edition");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task FromAKnownProxy_EachForwardedClientHasItsOwnBucket()
    {
        await using var factory = new Factory(Limited("10.0.0.1"));
        var client = factory.CreateClient();
        Assert.Contains(HttpStatusCode.TooManyRequests, await GetAsync(client, "203.0.113.7", 6));
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, await GetAsync(client, "203.0.113.8", 2));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.9.9.9")]
    public async Task FromAnywhereElse_XForwardedForIsIgnored(string? proxies)
    {
        await using var factory = new Factory(Limited(proxies));
        var client = factory.CreateClient();
        Assert.Contains(HttpStatusCode.TooManyRequests, await GetAsync(client, "203.0.113.7", 6));
        // another forwarded address does not buy a new bucket: the connection's address decides
        Assert.Contains(HttpStatusCode.TooManyRequests, await GetAsync(client, "203.0.113.8", 2));
    }
}
