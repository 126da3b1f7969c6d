using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Voting.Ops.Tests.Infrastructure;

/// <summary>An embedded gateway in memory with its own data folder, plus any extra settings.</summary>
public sealed class OpsFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "ops-test-admin-token";

    private readonly Dictionary<string, string> _settings;

    public OpsFactory() : this([])
    {
    }

    private OpsFactory(Dictionary<string, string> settings) => _settings = settings;

    /// <summary>A gateway with extra settings (a fixture may only have one public constructor).</summary>
    public static OpsFactory With(Dictionary<string, string> settings) => new(settings);

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "voting-ops-tests-" + Guid.NewGuid().ToString("N"));

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
