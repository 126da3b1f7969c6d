using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Voting.Runtime.Grains;

namespace Voting.Runtime.Cluster;

/// <summary>
/// Where each shard lives, read from the leases (unexpired, by the database clock) joined with
/// the silos' addresses. Refreshed periodically and at once when a silo answers "not owner";
/// concurrent refresh requests share one query.
/// </summary>
public sealed class ShardMap
{
    private static readonly TimeSpan MinRefreshGap = TimeSpan.FromMilliseconds(100);

    private readonly NpgsqlDataSource _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private SiloEndpoint?[] _owners;
    private Task? _refreshing;
    private long _refreshedAt;

    public ShardMap(NpgsqlDataSource database, IOptions<GrainRuntimeOptions> grains, TimeProvider time, ILogger<ShardMap> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
        _owners = new SiloEndpoint?[grains.Value.ShardCount];
    }

    public SiloEndpoint? OwnerOf(int shard) => Volatile.Read(ref _owners)[shard];

    /// <summary>How many shards have a known owner.</summary>
    public int KnownShards => Volatile.Read(ref _owners).Count(o => o is not null);

    /// <summary>Re-reads the map unless that was done a moment ago; never throws (a failed read keeps the old map).</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_refreshing is { IsCompleted: false })
            {
                return _refreshing;
            }
            if (_refreshedAt != 0 && _time.GetElapsedTime(_refreshedAt) < MinRefreshGap)
            {
                return Task.CompletedTask;
            }
            _refreshing = ReadAsync(cancellationToken);
            return _refreshing;
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var owners = new SiloEndpoint?[_owners.Length];
            await using var command = _database.CreateCommand(
                "SELECT l.shard, l.owner, l.epoch, s.address FROM shard_leases l JOIN silos s ON s.silo_id = l.owner " +
                "WHERE l.lease_until > clock_timestamp() AND s.state = 'active'");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var shard = reader.GetInt32(0);
                if (shard < owners.Length)
                {
                    owners[shard] = new SiloEndpoint(reader.GetString(1), reader.GetString(3), reader.GetInt64(2));
                }
            }
            Volatile.Write(ref _owners, owners);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            ClusterLog.MapRefreshFailed(_logger, e.Message);
        }
        finally
        {
            lock (_gate)
            {
                _refreshedAt = _time.GetTimestamp();
            }
        }
    }
}

/// <summary>A silo owning a shard: its id, its address and the lease epoch.</summary>
public sealed record SiloEndpoint(string SiloId, string Address, long Epoch);
