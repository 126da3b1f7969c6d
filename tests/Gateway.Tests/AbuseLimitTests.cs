using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Voting.Gateway.Hosting;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// Issue 9, finding 8: per-address limits are on by default outside Development (generous, and
/// none for loopback), and a voter who keeps failing is held back for a while.
/// </summary>
public sealed class AbuseLimitTests
{
    private const string RemoteHeader = "X-Test-Remote-Address";

    /// <summary>Takes the connection's remote address from a test header (the test server has no socket).</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[RemoteHeader].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A gateway run as Production, with the configuration a city starts with (no RateLimiting keys).</summary>
    private sealed class ProductionFactory : GatewayFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Admin:Token", "abuse-limit-tests-admin-token-0123456789");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
        }
    }

    [Theory]
    [InlineData("Production", 50, 500, 10)]
    [InlineData("Staging", 50, 500, 10)]
    [InlineData("Development", 0, 20, 0)]
    public void Unset_limits_are_on_outside_Development_and_off_in_it(string environment, int permits, int burst, int voterFailures)
    {
        var options = RateLimitingOptions.Read(new ConfigurationBuilder().Build(), new Environment(environment));

        Assert.Equal((permits, burst, voterFailures), (options.PermitsPerSecond!.Value, options.Burst!.Value, options.VoterFailures!.Value));
    }

    [Fact]
    public void Configured_zero_turns_the_limits_off_in_Production()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerSecond"] = "0",
            ["RateLimiting:VoterFailures"] = "0",
        }).Build();

        var options = RateLimitingOptions.Read(configuration, new Environment("Production"));

        Assert.Equal((0, 0), (options.PermitsPerSecond!.Value, options.VoterFailures!.Value));
    }

    [Fact]
    public async Task Production_defaults_hold_back_a_flooding_address_but_not_loopback()
    {
        await using var factory = new ProductionFactory();
        var client = factory.CreateClient();

        var (remoteServed, remoteLimited) = await FloodAsync(client, "203.0.113.9", 1200);
        var (loopbackServed, loopbackLimited) = await FloodAsync(client, "127.0.0.1", 1200);

        Assert.True(remoteLimited > 0, $"no 429 for one address after {remoteServed} requests");
        Assert.True(remoteServed >= RateLimitingOptions.ProductionBurst, $"only {remoteServed} served before 429: the burst is {RateLimitingOptions.ProductionBurst}");
        Assert.Equal((1200, 0), (loopbackServed, loopbackLimited));
    }

    [Fact]
    public async Task A_voter_who_keeps_failing_is_held_back_for_the_window_and_nothing_is_recorded()
    {
        await using var factory = GatewayFactory.With(new Dictionary<string, string>
        {
            ["RateLimiting:VoterFailures"] = "3",
            ["RateLimiting:VoterFailureWindow"] = "00:00:02",
        });
        var admin = factory.CreateAdminClient();
        var client = factory.CreateClient();
        var id = TestEditions.NewId();
        await (await admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var failing = Pesels.NextAdult();

        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(failing, "c1", "c2", "c3", "c4")))
                .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        }
        var held = await client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(failing, "c1"));
        await held.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(held.Headers.RetryAfter);
        await (await client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1"))).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(1, await BallotsAsync(admin, id));

        await Task.Delay(TimeSpan.FromSeconds(2.2), TestContext.Current.CancellationToken);
        await (await client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(failing, "c1"))).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(2, await BallotsAsync(admin, id));
    }

    private static async Task<(int Served, int Limited)> FloodAsync(HttpClient client, string address, int requests)
    {
        var served = 0;
        var limited = 0;
        await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/receipts/not-a-receipt-id");
            request.Headers.Add(RemoteHeader, address);
            using var response = await client.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref response.StatusCode == HttpStatusCode.TooManyRequests ? ref limited : ref served);
        });
        return (served, limited);
    }

    private static async Task<int> BallotsAsync(HttpClient admin, string editionId)
    {
        var csv = await (await admin.GetAsync($"/api/v1/admin/editions/{editionId}/export?format=csv&part=ballots")).Content.ReadAsStringAsync();
        return csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Distinct().Count();
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Voting.Gateway";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
