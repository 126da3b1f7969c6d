using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Voting.Cluster.Tests.Infrastructure;
using Voting.Runtime.Cluster;
using Voting.Runtime.Storage;

namespace Voting.Cluster.Tests.Storage;

/// <summary>The lease fence in a real PostgreSQL: a silo that lost or let lapse its lease writes nothing, and a taker waits for running batches.</summary>
public sealed class LeaseFenceTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly RowTable Things = new("things", "scope", "thing_key");
    private string _connectionString = "";

    public async ValueTask InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync("fence");
        await using var database = NpgsqlDataSource.Create(_connectionString);
        await ClusterSchema.EnsureAsync(database, 4, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_silo_writes_only_while_its_epoch_is_current_and_its_lease_unexpired()
    {
        var ownership = new ShardOwnership(4, TimeProvider.System);
        await using var storage = await StorageAsync(ownership, "silo-a");
        // silo-a believes (by its local clock) that it holds shard 0 at epoch 1 for an hour.
        ownership.Grant(0, 1, TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 3600);

        await SetLeaseAsync("silo-a", 1, "1 hour");
        Assert.Equal(WriteOutcome.Committed, (await storage.WriteAsync(Insert("k1"))).Outcome);

        await SetLeaseAsync("silo-b", 2, "1 hour"); // taken over (for example while silo-a was paused)
        Assert.Equal(WriteOutcome.NotOwner, (await storage.WriteAsync(Insert("k2"))).Outcome);

        await SetLeaseAsync("silo-a", 1, "-1 second"); // its own lease, lapsed by the database clock
        Assert.Equal(WriteOutcome.NotOwner, (await storage.WriteAsync(Insert("k3"))).Outcome);

        Assert.NotNull(await storage.ReadRowAsync(Things.Name, "fence", "k1"));
        Assert.Null(await storage.ReadRowAsync(Things.Name, "fence", "k2"));
        Assert.Null(await storage.ReadRowAsync(Things.Name, "fence", "k3"));
    }

    [Fact]
    public async Task A_lease_taker_waits_for_a_batch_that_holds_the_fence()
    {
        var ownership = new ShardOwnership(4, TimeProvider.System);
        ownership.Grant(1, 7, TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 3600);
        await SetLeaseAsync("silo-a", 7, "1 hour", shard: 1);
        var fence = new LeaseShardFence(ownership, Options.Create(new ClusterOptions { SiloId = "silo-a" }));

        await using var batch = new NpgsqlConnection(_connectionString);
        await batch.OpenAsync();
        await using var transaction = await batch.BeginTransactionAsync();
        Assert.Equal([1], await fence.HoldAsync(batch, transaction, [1], CancellationToken.None));

        await using var taker = new NpgsqlConnection(_connectionString);
        await taker.OpenAsync();
        await using (var command = new NpgsqlCommand("SET lock_timeout = '300ms'", taker))
        {
            await command.ExecuteNonQueryAsync();
        }
        var blocked = await Assert.ThrowsAsync<PostgresException>(() => TakeAsync(taker));
        Assert.Equal("55P03", blocked.SqlState);

        await transaction.CommitAsync();
        Assert.Equal(1, await TakeAsync(taker));
    }

    private static async Task<int> TakeAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("UPDATE shard_leases SET owner = 'silo-b', epoch = epoch + 1 WHERE shard = 1", connection);
        return await command.ExecuteNonQueryAsync();
    }

    private async Task SetLeaseAsync(string owner, long epoch, string remaining, int shard = 0)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"UPDATE shard_leases SET owner = $1, epoch = $2, lease_until = clock_timestamp() + interval '{remaining}' WHERE shard = $3", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = epoch });
        command.Parameters.Add(new NpgsqlParameter { Value = shard });
        await command.ExecuteNonQueryAsync();
    }

    private async Task<SqlGrainStorage> StorageAsync(ShardOwnership ownership, string siloId)
    {
        var fence = new LeaseShardFence(ownership, Options.Create(new ClusterOptions { SiloId = siloId }));
        var storage = new SqlGrainStorage(new PostgresDialect(_connectionString), [Things], fence, new StorageOptions(), TimeProvider.System, NullLogger<SqlGrainStorage>.Instance);
        await storage.InitializeAsync(TestContext.Current.CancellationToken);
        return storage;
    }

    private static WriteUnit Insert(string key) => new(0, [new InsertRow(Things.Name, "fence", key, "x")]);
}
