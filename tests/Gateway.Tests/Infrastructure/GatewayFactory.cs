using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Voting.Gateway.Tests.Infrastructure;

/// <summary>An embedded gateway (gateway + silo + SQLite) in memory, with its own data folder.</summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token";

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "voting-tests-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", DataFolder);
        builder.UseSetting("Admin:Token", AdminToken);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A gateway with a tight resident rate limit (2/s, burst 3).</summary>
public sealed class RateLimitedGatewayFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "voting-tests-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", DataFolder);
        builder.UseSetting("Admin:Token", GatewayFactory.AdminToken);
        builder.UseSetting("RateLimiting:PermitsPerSecond", "2");
        builder.UseSetting("RateLimiting:Burst", "3");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
