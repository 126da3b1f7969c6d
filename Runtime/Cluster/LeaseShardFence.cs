using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;
using Voting.Runtime.Storage;

namespace Voting.Runtime.Cluster;

/// <summary>
/// Fences a group commit by the shard leases: inside the batch's transaction it share-locks the
/// lease rows this silo holds at its epoch with an unexpired lease (database clock). A taker's
/// UPDATE of those rows waits until the batch ends, and a silo whose lease lapsed or moved on
/// gets no rows back, so it writes nothing.
/// </summary>
public sealed class LeaseShardFence(ShardOwnership ownership, IOptions<ClusterOptions> options) : IShardFence
{
    private readonly string _siloId = options.Value.SiloId;

    public async Task<IReadOnlySet<int>> HoldAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<int> shards, CancellationToken cancellationToken)
    {
        var shardList = new List<int>();
        var epochs = new List<long>();
        foreach (var shard in shards.Order())
        {
            if (ownership.TryGetEpoch(shard, out var epoch))
            {
                shardList.Add(shard);
                epochs.Add(epoch);
            }
        }
        var held = new HashSet<int>();
        if (shardList.Count == 0)
        {
            return held;
        }
        await using var command = new NpgsqlCommand(
            "SELECT l.shard FROM shard_leases l JOIN unnest($1::integer[], $2::bigint[]) AS m(shard, epoch) ON l.shard = m.shard AND l.epoch = m.epoch " +
            "WHERE l.owner = $3 AND l.lease_until > clock_timestamp() ORDER BY l.shard FOR SHARE OF l",
            (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = shardList.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = epochs.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = _siloId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add(reader.GetInt32(0));
        }
        return held;
    }
}
