using Npgsql;
using NpgsqlTypes;

namespace Voting.Runtime.Cluster;

/// <summary>
/// The lease statements. All lease time is the database's clock (<c>clock_timestamp()</c>);
/// rows are locked in shard order so lease updates and fenced batches cannot deadlock.
/// </summary>
internal sealed class ShardLeaseStore(NpgsqlDataSource database, string siloId, string address)
{
    public async Task HeartbeatAsync(string state, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO silos (silo_id, address, heartbeat_at, state) VALUES ($1, $2, clock_timestamp(), $3) " +
            "ON CONFLICT (silo_id) DO UPDATE SET address = excluded.address, heartbeat_at = excluded.heartbeat_at, state = excluded.state");
        command.Parameters.Add(new NpgsqlParameter { Value = siloId });
        command.Parameters.Add(new NpgsqlParameter { Value = address });
        command.Parameters.Add(new NpgsqlParameter { Value = state });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM silos WHERE silo_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = siloId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The live silos (fresh heartbeat, active) and every lease row.</summary>
    public async Task<ClusterView> ReadAsync(TimeSpan siloTimeout, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var silos = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT silo_id FROM silos WHERE state = 'active' AND heartbeat_at > clock_timestamp() - $1 ORDER BY silo_id", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = siloTimeout });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                silos.Add(reader.GetString(0));
            }
        }
        var leases = new List<LeaseRow>();
        await using (var command = new NpgsqlCommand("SELECT shard, owner, epoch, lease_until > clock_timestamp() FROM shard_leases ORDER BY shard", connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                leases.Add(new LeaseRow(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3)));
            }
        }
        return new ClusterView(silos, leases);
    }

    /// <summary>Extends the leases this silo still holds at the given epochs and that have not expired.</summary>
    public Task<IReadOnlyList<(int Shard, long Epoch)>> RenewAsync(IReadOnlyList<(int Shard, long Epoch)> held, TimeSpan ttl, CancellationToken cancellationToken) =>
        HeldUpdateAsync("lease_until = clock_timestamp() + $4", "AND s.lease_until > clock_timestamp()", held, ttl, cancellationToken);

    /// <summary>Gives leases up (hand-over): the next owner may take them at once.</summary>
    public Task<IReadOnlyList<(int Shard, long Epoch)>> ReleaseAsync(IReadOnlyList<(int Shard, long Epoch)> held, CancellationToken cancellationToken) =>
        HeldUpdateAsync("owner = NULL, lease_until = '-infinity'", "", held, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Takes free or expired shards (and stale ones of an earlier life of this silo) with a new
    /// epoch. Rows still share-locked by a running batch of the former owner are skipped this
    /// round instead of waited for, so one stuck writer cannot stall the whole lease round.
    /// </summary>
    public async Task<IReadOnlyList<(int Shard, long Epoch)>> AcquireAsync(IReadOnlyList<int> shards, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (shards.Count == 0)
        {
            return [];
        }
        await using var command = database.CreateCommand(
            "UPDATE shard_leases l SET owner = $1, epoch = l.epoch + 1, lease_until = clock_timestamp() + $3 " +
            "FROM (SELECT s.shard FROM shard_leases s WHERE s.shard = ANY($2) AND (s.owner IS NULL OR s.owner = $1 OR s.lease_until <= clock_timestamp()) ORDER BY s.shard FOR UPDATE OF s SKIP LOCKED) t " +
            "WHERE l.shard = t.shard AND (l.owner IS NULL OR l.owner = $1 OR l.lease_until <= clock_timestamp()) RETURNING l.shard, l.epoch");
        command.Parameters.Add(new NpgsqlParameter { Value = siloId });
        command.Parameters.Add(new NpgsqlParameter { Value = shards.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = ttl });
        return await ReadPairsAsync(command, cancellationToken);
    }

    private async Task<IReadOnlyList<(int Shard, long Epoch)>> HeldUpdateAsync(string set, string condition, IReadOnlyList<(int Shard, long Epoch)> held, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (held.Count == 0)
        {
            return [];
        }
        await using var command = database.CreateCommand(
            $"UPDATE shard_leases l SET {set} " +
            "FROM (SELECT s.shard FROM shard_leases s JOIN unnest($2::integer[], $3::bigint[]) AS m(shard, epoch) ON s.shard = m.shard AND s.epoch = m.epoch " +
            $"WHERE s.owner = $1 {condition} ORDER BY s.shard FOR UPDATE OF s) t " +
            "WHERE l.shard = t.shard RETURNING l.shard, l.epoch");
        command.Parameters.Add(new NpgsqlParameter { Value = siloId });
        command.Parameters.Add(new NpgsqlParameter { Value = held.Select(h => h.Shard).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = held.Select(h => h.Epoch).ToArray() });
        if (set.Contains("$4", StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ttl });
        }
        return await ReadPairsAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<(int Shard, long Epoch)>> ReadPairsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<(int, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }
        return list;
    }
}

/// <summary>A lease row; <paramref name="Live"/> when its lease has not expired by the database clock.</summary>
internal sealed record LeaseRow(int Shard, string? Owner, long Epoch, bool Live);

/// <summary>What a silo sees of the cluster in one lease round.</summary>
internal sealed record ClusterView(IReadOnlyList<string> LiveSilos, IReadOnlyList<LeaseRow> Leases);
