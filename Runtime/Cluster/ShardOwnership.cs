namespace Voting.Runtime.Cluster;

/// <summary>
/// The shards this silo serves, each with its lease epoch and the local monotonic time until
/// which it may serve it: the renewal's start plus the TTL minus a margin, so the silo stops
/// serving before the database could consider the lease expired. Also counts running calls per
/// shard, so a hand-over can wait for them.
/// </summary>
public sealed class ShardOwnership
{
    private readonly Lease?[] _held;
    private readonly int[] _running;
    private readonly TimeProvider _time;

    public ShardOwnership(int shardCount, TimeProvider time)
    {
        _held = new Lease?[shardCount];
        _running = new int[shardCount];
        _time = time;
    }

    public int ShardCount => _held.Length;

    /// <summary>The epoch of a shard this silo may serve now.</summary>
    public bool TryGetEpoch(int shard, out long epoch)
    {
        var held = Volatile.Read(ref _held[shard]);
        if (held is not null && _time.GetTimestamp() < held.ValidUntil)
        {
            epoch = held.Epoch;
            return true;
        }
        epoch = 0;
        return false;
    }

    public bool IsServing(int shard) => TryGetEpoch(shard, out _);

    /// <summary>Counts a call as running in the shard if the shard is served; dispose the scope when the call ends.</summary>
    public bool TryEnter(int shard, out RunningCall call)
    {
        Interlocked.Increment(ref _running[shard]);
        if (IsServing(shard))
        {
            call = new RunningCall(this, shard);
            return true;
        }
        Interlocked.Decrement(ref _running[shard]);
        call = default;
        return false;
    }

    /// <summary>Shards held (lease believed valid or not yet swept), with their epochs.</summary>
    public IReadOnlyList<(int Shard, long Epoch)> Held()
    {
        var list = new List<(int, long)>();
        for (var shard = 0; shard < _held.Length; shard++)
        {
            if (Volatile.Read(ref _held[shard]) is { } held)
            {
                list.Add((shard, held.Epoch));
            }
        }
        return list;
    }

    public int ServingCount()
    {
        var count = 0;
        for (var shard = 0; shard < _held.Length; shard++)
        {
            count += IsServing(shard) ? 1 : 0;
        }
        return count;
    }

    /// <summary>Shards held whose serving time ran out (renewals failed): to be revoked.</summary>
    public IReadOnlyList<int> Lapsed()
    {
        var list = new List<int>();
        for (var shard = 0; shard < _held.Length; shard++)
        {
            if (Volatile.Read(ref _held[shard]) is not null && !IsServing(shard))
            {
                list.Add(shard);
            }
        }
        return list;
    }

    internal void Grant(int shard, long epoch, long validUntil) => Volatile.Write(ref _held[shard], new Lease(epoch, validUntil));

    internal void Revoke(int shard) => Volatile.Write(ref _held[shard], null);

    internal int Running(int shard) => Volatile.Read(ref _running[shard]);

    private void Exit(int shard) => Interlocked.Decrement(ref _running[shard]);

    private sealed record Lease(long Epoch, long ValidUntil);

    /// <summary>A call running in a served shard.</summary>
    public readonly struct RunningCall(ShardOwnership owner, int shard) : IDisposable
    {
        public void Dispose() => owner?.Exit(shard);
    }
}
