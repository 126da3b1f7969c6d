using Voting.Cluster.Tests.Infrastructure;

namespace Voting.Cluster.Tests.Azure;

/// <summary>Storage:Provider=azure without an endpoint stops the start with the keys named.</summary>
public sealed class AzureSettingsTests
{
    [Fact]
    public async Task A_silo_on_azure_without_connection_string_or_service_uri_refuses_to_start_naming_the_keys()
    {
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(LocalCluster.Root, "Silo", "bin", configuration, "net10.0", "Voting.Silo.dll");
        var log = Path.Combine(Path.GetTempPath(), "voting-azure-settings-" + Guid.NewGuid().ToString("N")[..8] + ".log");
        using var silo = ChildProcess.StartDotnet(dll, ["--urls", $"http://127.0.0.1:{PostgresServer.FreePort()}", "--Storage:Provider=azure"], log);

        var exited = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exited, "the silo kept running without a storage endpoint");
        Assert.Contains("Storage:ConnectionString or Storage:ServiceUri", silo.Log(), StringComparison.Ordinal);
        File.Delete(log);
    }
}
