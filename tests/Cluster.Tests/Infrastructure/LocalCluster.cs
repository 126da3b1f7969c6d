using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Voting.Cluster.Tests.Infrastructure;

/// <summary>
/// N silo processes and one gateway process in cluster mode on loopback, over a fresh database
/// of a <see cref="PostgresServer"/> or a fresh table of an <see cref="AzuriteServer"/>.
/// Disposing kills every process it started.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{

    internal static readonly string Root = FindRoot();
    private static readonly string Configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    private readonly Dictionary<int, ChildProcess> _silos = [];
    private readonly Dictionary<int, (int Silo, int Gateway, int Http, int Management)> _siloPorts = [];
    private readonly string _logFolder;
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private ChildProcess? _gateway;

    private readonly string[] _extraSettings;

    private LocalCluster(ClusterStore store, string logFolder, string[] extraSettings)
    {
        _extraSettings = extraSettings;
        Store = store;
        _logFolder = logFolder;
        AdminToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        ClusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Where the ledger and the membership are.</summary>
    public ClusterStore Store { get; }

    public string ConnectionString => Store.ConnectionString;

    public string AdminToken { get; }

    /// <summary>The Orleans cluster id of this cluster (its rows in the membership table).</summary>
    public string ClusterId { get; }

    public HttpClient Http { get; }

    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>A cluster of <paramref name="silos"/> silos and a gateway; <paramref name="extraSettings"/> (<c>--Key=value</c>) go to every process.</summary>
    public static async Task<LocalCluster> StartAsync(PostgresServer server, int silos, params string[] extraSettings) =>
        await StartAsync(new PostgresClusterStore(await server.CreateDatabaseAsync("cluster")), silos, extraSettings);

    /// <summary>The same on a fresh table of an Azurite: ledger and membership on Azure Table storage.</summary>
    public static Task<LocalCluster> StartAsync(AzuriteServer azurite, int silos, params string[] extraSettings) =>
        StartAsync(new AzureClusterStore(azurite), silos, extraSettings);

    private static async Task<LocalCluster> StartAsync(ClusterStore store, int silos, string[] extraSettings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "voting-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var cluster = new LocalCluster(store, folder, extraSettings);
        try
        {
            for (var k = 1; k <= silos; k++)
            {
                cluster.StartSilo(k);
            }
            cluster.StartGateway();
            await cluster.WaitUntilActiveAsync(silos, TimeSpan.FromSeconds(60));
            await cluster.WaitForGatewayAsync(TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public ChildProcess Silo(int k) => _silos[k];

    public string SiloId(int k) => $"silo-{k}";

    /// <summary>Silo K's HTTP endpoint (probes, /metrics).</summary>
    public Uri SiloHttpUrl(int k) => new($"http://127.0.0.1:{_siloPorts[k].Http}");

    /// <summary>Silo K's management endpoint (the Orleans Dashboard, <c>Management:Urls</c>).</summary>
    public Uri SiloManagementUrl(int k) => new($"http://127.0.0.1:{_siloPorts[k].Management}");

    /// <summary>
    /// Starts silo K on ports free now. A restarted silo takes new ports: its old ones lie in the
    /// ephemeral range, and while it was down an outgoing connection of the test may have taken one
    /// (a restart on the same ports failed that way with "address already in use"). Orleans does not
    /// need them: a restart is a new silo generation, found through the membership table.
    /// </summary>
    public void StartSilo(int k)
    {
        (int Silo, int Gateway, int Http, int Management) ports = (PostgresServer.FreePort(), PostgresServer.FreePort(), PostgresServer.FreePort(), PostgresServer.FreePort());
        _siloPorts[k] = ports;
        _silos.GetValueOrDefault(k)?.Dispose();
        _silos[k] = ChildProcess.StartDotnet(Dll("Silo", "Voting.Silo"),
        [
            "--urls", $"http://127.0.0.1:{ports.Http}", $"--Management:Urls=http://127.0.0.1:{ports.Management}", .. OrleansSettings,
            $"--Orleans:SiloPort={ports.Silo}", $"--Orleans:GatewayPort={ports.Gateway}", "--Orleans:AdvertisedAddress=127.0.0.1",
            .. Store.StorageArguments,
            .. QuietLogging, .. _extraSettings,
        ], Path.Combine(_logFolder, $"silo-{k}.log"));
    }

    /// <summary>SIGTERM (Orleans leaves the cluster gracefully), wait for the exit, start again.</summary>
    public async Task RestartSiloGracefullyAsync(int k)
    {
        _silos[k].Signal("TERM");
        await _silos[k].WaitForExitAsync(TimeSpan.FromSeconds(30));
        StartSilo(k);
    }

    /// <summary>How many silos of this cluster the membership table lists as active (Orleans status 3).</summary>
    public Task<int> ActiveSilosAsync() => Store.ActiveSilosAsync(ClusterId);

    public async Task WaitUntilActiveAsync(int silos, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await ActiveSilosAsync() == silos)
            {
                return;
            }
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{silos} silos were not active in {timeout}. Logs: {_logFolder}");
            }
            await Task.Delay(100);
        }
    }

    public async Task CreateEditionAsync(string editionId)
    {
        var edition = new
        {
            id = editionId, name = "Cluster test " + editionId, phase = "voting",
            votingOpensAt = "2020-01-01T00:00:00+00:00", votingClosesAt = "2099-12-31T23:59:59+00:00",
            duplicatePolicy = "first-wins",
            pools = new[]
            {
                new
                {
                    id = "city", name = "City", kind = "city", budget = 1000, method = "greedy",
                    ballot = new { type = "approval", minSelections = 1, maxSelections = 2 },
                    projects = new[] { new { id = "p1", title = "One", cost = 100 }, new { id = "p2", title = "Two", cost = 200 } },
                },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(GatewayUrl, "/api/v1/admin/editions")) { Content = JsonContent.Create(edition) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"Creating the edition answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Sends one ballot; the status, on 200/201 the receipt id, and on a problem its code.</summary>
    public async Task<(int Status, string? ReceiptId, string? Code)> VoteAsync(string editionId, string pesel, string projectId = "p1")
    {
        var body = new { voter = new { pesel }, selections = new[] { new { projectId } } };
        try
        {
            using var response = await Http.PostAsJsonAsync(new Uri(GatewayUrl, $"/api/v1/editions/{editionId}/ballots"), body);
            var status = (int)response.StatusCode;
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return status is 200 or 201
                ? (status, json.RootElement.GetProperty("receiptId").GetString(), null)
                : (status, null, json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (0, null, null);
        }
    }

    /// <summary>The stored ballots of an edition: receipt id per voter key.</summary>
    public Task<List<string>> StoredReceiptIdsAsync(string editionId) => Store.StoredReceiptIdsAsync(editionId);

    /// <summary>The summed tally counter of ballots and the number of receipts of an edition.</summary>
    public Task<(long CountedBallots, long Receipts)> TallyAsync(string editionId) => Store.TallyAsync(editionId);

    public async ValueTask DisposeAsync()
    {
        _gateway?.Dispose();
        foreach (var silo in _silos.Values)
        {
            silo.Dispose();
        }
        Http.Dispose();
        await Store.DisposeAsync();
    }

    private IEnumerable<string> OrleansSettings => [$"--Orleans:ClusterId={ClusterId}"];

    private static IEnumerable<string> QuietLogging =>
        ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Voting=Information", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information"];

    private void StartGateway()
    {
        var port = PostgresServer.FreePort();
        GatewayUrl = new Uri($"http://127.0.0.1:{port}");
        _gateway = ChildProcess.StartDotnet(Dll("Gateway", "Voting.Gateway"),
        [
            "--urls", GatewayUrl.ToString().TrimEnd('/'), "--Cluster:Enabled=true", .. Store.StorageArguments, $"--Admin:Token={AdminToken}",
            $"--Voting:VoterKeySecret={Convert.ToBase64String(_secret)}", .. OrleansSettings,
            .. QuietLogging, .. _extraSettings,
        ], Path.Combine(_logFolder, "gateway.log"));
    }

    private async Task WaitForGatewayAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(GatewayUrl, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The gateway was not ready in {timeout}. Log: {_gateway!.Log()}");
    }

    private static string Dll(string project, string assembly) => Path.Combine(Root, project, "bin", Configuration, "net10.0", assembly + ".dll");

    internal static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Voting.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Voting.sln not found above the test folder.");
    }
}
