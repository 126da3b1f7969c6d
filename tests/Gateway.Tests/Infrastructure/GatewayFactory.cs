using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Voting.Gateway.Tests.Infrastructure;

/// <summary>An embedded gateway (gateway + silo + SQLite) in memory, with its own data folder and any extra settings.</summary>
public class GatewayFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token";

    private readonly IReadOnlyDictionary<string, string> _settings;

    public GatewayFactory() : this(new Dictionary<string, string>())
    {
    }

    protected GatewayFactory(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    /// <summary>A gateway with extra settings (a fixture may only have one public constructor).</summary>
    public static GatewayFactory With(Dictionary<string, string> settings) => new(settings);

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "voting-tests-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", DataFolder);
        builder.UseSetting("Admin:Token", AdminToken);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
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
public sealed class RateLimitedGatewayFactory() : GatewayFactory(new Dictionary<string, string>
{
    ["RateLimiting:PermitsPerSecond"] = "2",
    ["RateLimiting:Burst"] = "3",
});
