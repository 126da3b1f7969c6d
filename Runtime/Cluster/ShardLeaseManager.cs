using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Voting.Runtime.Grains;

namespace Voting.Runtime.Cluster;

/// <summary>
/// Keeps this silo's shard leases: every <see cref="ClusterOptions.RenewInterval"/> it heartbeats,
/// hands over shards that rendezvous hashing gives to another live silo (drain, then release),
/// renews the rest, and acquires free or expired shards it should own (epoch + 1). Shards whose
/// renewal fails stop being served before the lease can expire, and their grains are
/// deactivated. On shutdown it drains and releases everything before the server stops.
/// </summary>
public sealed class ShardLeaseManager : IHostedLifecycleService, IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly ShardOwnership _ownership;
    private readonly ActivationTable _activations;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ShardLeaseStore _store;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _lastRound;
    private bool _leaving;

    public ShardLeaseManager(NpgsqlDataSource database, ShardOwnership ownership, ActivationTable activations, IOptions<ClusterOptions> options, TimeProvider time, ILogger<ShardLeaseManager> logger)
    {
        _database = database;
        _ownership = ownership;
        _activations = activations;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _store = new ShardLeaseStore(database, _options.SiloId, _options.EffectiveAdvertisedAddress);
    }

    /// <summary>True when the last lease round succeeded recently (the database is reachable).</summary>
    public bool IsHealthy => Volatile.Read(ref _lastRound) != 0 && _time.GetElapsedTime(Volatile.Read(ref _lastRound)) < _options.LeaseTtl - _options.LeaseMargin;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ClusterSchema.EnsureAsync(_database, _ownership.ShardCount, cancellationToken);
        await RoundAsync(cancellationToken);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the server stops: stop serving, drain running calls, release every lease.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        await _stopping.CancelAsync();
        await _loop;
        var held = _ownership.Held();
        ClusterLog.Leaving(_logger, _options.SiloId, held.Count);
        try
        {
            await _store.HeartbeatAsync("leaving", cancellationToken);
            await HandOverAsync(held, _options.DrainTimeout, cancellationToken);
            await _store.LeaveAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // The leases then expire after their TTL; nothing is served meanwhile.
            ClusterLog.RoundFailed(_logger, _options.SiloId, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }
        await _loop;
        _stopping.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_options.RenewInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await RoundAsync(_stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RoundAsync(CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.LeaseTtl);
        try
        {
            // Renew first: nothing else in the round may delay keeping what this silo serves.
            await RenewAsync(timeout.Token);
            await _store.HeartbeatAsync("active", timeout.Token);
            var view = await _store.ReadAsync(_options.EffectiveSiloTimeout, timeout.Token);
            var live = view.LiveSilos.Contains(_options.SiloId) ? view.LiveSilos : [.. view.LiveSilos, _options.SiloId];
            await HandOverAsync(_ownership.Held().Where(h => Rendezvous.OwnerOf(h.Shard, live) != _options.SiloId).ToList(), _options.RenewInterval, timeout.Token);
            await AcquireAsync(view, live, timeout.Token);
            Volatile.Write(ref _lastRound, _time.GetTimestamp());
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            if (!stopping.IsCancellationRequested)
            {
                ClusterLog.RoundFailed(_logger, _options.SiloId, e.Message);
            }
        }
        finally
        {
            Sweep();
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var held = _ownership.Held();
        if (held.Count == 0)
        {
            return;
        }
        var sent = _time.GetTimestamp();
        var renewed = await _store.RenewAsync(held, _options.LeaseTtl, cancellationToken);
        var validUntil = sent + ToTimestamp(_options.LeaseTtl - _options.LeaseMargin);
        var kept = new HashSet<int>();
        foreach (var (shard, epoch) in renewed)
        {
            _ownership.Grant(shard, epoch, validUntil);
            kept.Add(shard);
        }
        var lost = held.Where(h => !kept.Contains(h.Shard)).Select(h => h.Shard).ToList();
        if (lost.Count > 0)
        {
            Revoke(lost, "the lease was taken or had expired");
        }
    }

    private async Task AcquireAsync(ClusterView view, IReadOnlyList<string> live, CancellationToken cancellationToken)
    {
        if (_leaving)
        {
            return;
        }
        var held = _ownership.Held().Select(h => h.Shard).ToHashSet();
        var wanted = view.Leases
            .Where(l => !held.Contains(l.Shard) && Rendezvous.OwnerOf(l.Shard, live) == _options.SiloId && (l.Owner is null || !l.Live || l.Owner == _options.SiloId))
            .Select(l => l.Shard).ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var sent = _time.GetTimestamp();
        var acquired = await _store.AcquireAsync(wanted, _options.LeaseTtl, cancellationToken);
        if (acquired.Count == 0)
        {
            return;
        }
        // Activations left from an earlier ownership hold stale state: drop them before serving.
        var shards = acquired.Select(a => a.Shard).ToHashSet();
        _activations.DeactivateShards(shards.Contains);
        var validUntil = sent + ToTimestamp(_options.LeaseTtl - _options.LeaseMargin);
        foreach (var (shard, epoch) in acquired)
        {
            _ownership.Grant(shard, epoch, validUntil);
        }
        ClusterLog.Acquired(_logger, _options.SiloId, Describe(shards));
    }

    /// <summary>Stops serving the shards, waits for their running calls, then releases the leases.</summary>
    private async Task HandOverAsync(IReadOnlyList<(int Shard, long Epoch)> shards, TimeSpan drain, CancellationToken cancellationToken)
    {
        if (shards.Count == 0)
        {
            return;
        }
        foreach (var (shard, _) in shards)
        {
            _ownership.Revoke(shard);
        }
        var started = _time.GetTimestamp();
        while (shards.Any(s => _ownership.Running(s.Shard) > 0) && _time.GetElapsedTime(started) < drain)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken);
        }
        await _store.ReleaseAsync(shards, cancellationToken);
        var set = shards.Select(s => s.Shard).ToHashSet();
        _activations.DeactivateShards(set.Contains);
        ClusterLog.Released(_logger, _options.SiloId, Describe(set));
    }

    /// <summary>Stops serving shards whose serving time ran out, and drops grains of shards not served.</summary>
    private void Sweep()
    {
        var lapsed = _ownership.Lapsed();
        if (lapsed.Count > 0)
        {
            Revoke(lapsed, "the lease could not be renewed in time");
        }
        _activations.DeactivateShards(shard => !_ownership.IsServing(shard));
    }

    private void Revoke(IReadOnlyList<int> shards, string reason)
    {
        foreach (var shard in shards)
        {
            _ownership.Revoke(shard);
        }
        var set = shards.ToHashSet();
        _activations.DeactivateShards(set.Contains);
        ClusterLog.Lost(_logger, _options.SiloId, Describe(set), reason);
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private static string Describe(IEnumerable<int> shards) => string.Join(',', shards.Order());
}
