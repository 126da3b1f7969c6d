using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.TestingHost;
using Voting.Grains.Storage;
using Voting.Silo.Hosting;
using ProductSiloOptions = Voting.Silo.Hosting.SiloOptions;
using Voting.Storage;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// A real SQLite ledger in a temp folder, and Orleans test clusters over it. Each silo is wired as
/// the product wires one (<c>AddGrainStorage</c> with <c>Storage:*</c>, <c>AddVotingGrains</c>, the
/// failure-detection defaults of <see cref="ProductSiloOptions"/>) and has its own SqlGrainStorage, group
/// commit and counter slot on the one file, as separate silo processes would. The ledger's own
/// storage instance reads what was committed.
/// </summary>
internal sealed class TestLedger : IAsyncDisposable
{
    private readonly List<InProcessTestCluster> _clusters = [];

    private TestLedger(string folder, SqlGrainStorage storage)
    {
        Folder = folder;
        Storage = storage;
    }

    public string Folder { get; }

    /// <summary>Reads the ledger directly (not through a grain).</summary>
    public SqlGrainStorage Storage { get; }

    public static async Task<TestLedger> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "voting-grain-tests", Guid.NewGuid().ToString("N"));
        var storage = new SqlGrainStorage(new SqliteDialect(Path.Combine(folder, "voting.db")), Tables.All,
            new StorageOptions { WriterId = "test-reader" }, TimeProvider.System, NullLogger<SqlGrainStorage>.Instance);
        // The schema (and WAL mode) exist before any silo starts: silos starting together then only find them.
        await storage.InitializeAsync(CancellationToken.None);
        return new TestLedger(folder, storage);
    }

    /// <summary>A started cluster of <paramref name="silos"/> silos with its client; disposed with the ledger.</summary>
    public async Task<InProcessTestCluster> StartClusterAsync(short silos = 1, TimeSpan? responseTimeout = null)
    {
        var timeout = responseTimeout ?? TimeSpan.FromSeconds(10);
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        var clusterId = builder.Options.ClusterId;
        builder.ConfigureSiloHost((silo, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "sqlite",
                ["Storage:Path"] = Folder,
                ["Storage:WriterId"] = $"{clusterId}/{silo.SiloName}",
            });
            host.Services.AddGrainStorage();
        });
        builder.ConfigureSilo((_, silo) => silo.ConfigureVotingRuntime(new ProductSiloOptions { ResponseTimeout = timeout }));
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = timeout));
        var cluster = builder.Build();
        _clusters.Add(cluster);
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The stored ballot of a voter in an edition, or null.</summary>
    public async Task<StoredBallot?> ReadBallotAsync(string editionId, string voterKey)
    {
        var row = await Storage.ReadRowAsync(Tables.Ballots.Name, editionId, voterKey);
        return row is null ? null : RowJson.Read<StoredBallot>(row.Data);
    }

    /// <summary>Every stored ballot of an edition by voter key.</summary>
    public async Task<Dictionary<string, StoredBallot>> ReadBallotsAsync(string editionId)
    {
        var ballots = new Dictionary<string, StoredBallot>(StringComparer.Ordinal);
        await foreach (var row in Storage.ReadScopeAsync(Tables.Ballots.Name, editionId))
        {
            ballots[row.Key] = RowJson.Read<StoredBallot>(row.Data);
        }
        return ballots;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
        await Storage.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
