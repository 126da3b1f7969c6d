using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>The wall clock moved by <see cref="Offset"/>, the monotonic clock by <see cref="Elapsed"/> (timers keep the real clock).</summary>
public sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    /// <summary>Only ever moved forward (caches age by it).</summary>
    public TimeSpan Elapsed { get; private set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override long GetTimestamp() => System.GetTimestamp() + (long)(Elapsed.TotalSeconds * System.TimestampFrequency);

    public void Advance(TimeSpan elapsed) => Elapsed += elapsed;
}

/// <summary>A gateway whose clock (gateway and grains alike) a test may move.</summary>
public sealed class ShiftedTimeGatewayFactory : GatewayFactory
{
    public ShiftedTime Time { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
