using Npgsql;
using Voting.Runtime.Storage;

namespace Voting.Runtime.Cluster;

/// <summary>The cluster tables: <c>silos</c> (membership, heartbeats) and <c>shard_leases</c> (one row per shard).</summary>
public static class ClusterSchema
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> Versions =
    [
        [
            "CREATE TABLE IF NOT EXISTS silos (silo_id text PRIMARY KEY, address text NOT NULL, heartbeat_at timestamptz NOT NULL, state text NOT NULL)",
            "CREATE TABLE IF NOT EXISTS shard_leases (shard integer PRIMARY KEY, owner text NULL, epoch bigint NOT NULL DEFAULT 0, lease_until timestamptz NOT NULL DEFAULT '-infinity')",
        ],
    ];

    /// <summary>Creates or migrates the tables and makes sure every shard has its lease row.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource database, int shardCount, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await PostgresDialect.MigrateAsync(connection, "cluster", Versions,
            [$"INSERT INTO shard_leases (shard) SELECT generate_series(0, {shardCount - 1}) ON CONFLICT DO NOTHING"], cancellationToken);
        await using var check = new NpgsqlCommand("SELECT count(*) FROM shard_leases", connection);
        var rows = (long)(await check.ExecuteScalarAsync(cancellationToken))!;
        if (rows != shardCount)
        {
            throw new InvalidOperationException($"Grains:ShardCount is {shardCount} but the cluster's database has {rows} shards; every silo and gateway must use the shard count the cluster was created with.");
        }
    }
}
