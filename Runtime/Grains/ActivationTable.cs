using System.Collections.Concurrent;
using Voting.Runtime.Sharding;

namespace Voting.Runtime.Grains;

/// <summary>The grains activated in this process, by identity; activates on first call.</summary>
public sealed class ActivationTable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new(concurrencyLevel: 64, capacity: 1 << 16);
    private readonly IServiceProvider _services;
    private readonly GrainTypeRegistry _types;
    private readonly TimeProvider _time;
    private readonly int _shardCount;

    public ActivationTable(IServiceProvider services, GrainTypeRegistry types, TimeProvider time, Microsoft.Extensions.Options.IOptions<GrainRuntimeOptions> options)
    {
        _services = services;
        _types = types;
        _time = time;
        _shardCount = options.Value.ShardCount;
    }

    public int Count => _activations.Count;

    public async Task<T> InvokeAsync<T>(GrainId id, GrainMethod method, object?[] args, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var activation = _activations.GetOrAdd(id, Create);
            try
            {
                var result = await activation.InvokeAsync<T>(method, args, cancellationToken);
                RuntimeMetrics.CallServed(id.Type);
                return result;
            }
            catch (ActivationGoneException)
            {
                _activations.TryRemove(new KeyValuePair<GrainId, Activation>(id, activation));
            }
        }
    }

    /// <summary>Drops activations idle for at least <paramref name="idle"/>. Returns how many.</summary>
    public int CollectIdle(TimeSpan idle)
    {
        var removed = 0;
        foreach (var (id, activation) in _activations)
        {
            if (activation.TryDeactivate(activation.IdleTimeout ?? idle) && _activations.TryRemove(new KeyValuePair<GrainId, Activation>(id, activation)))
            {
                RuntimeMetrics.ActivationRemoved(id.Type);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>Drops every activation whose shard matches (for example shards this silo no longer owns).</summary>
    public int DeactivateShards(Func<int, bool> shardMatches)
    {
        var removed = 0;
        foreach (var (id, activation) in _activations)
        {
            if (shardMatches(activation.Shard) && activation.TryDeactivate(TimeSpan.Zero) && _activations.TryRemove(new KeyValuePair<GrainId, Activation>(id, activation)))
            {
                RuntimeMetrics.ActivationRemoved(id.Type);
                removed++;
            }
        }
        return removed;
    }

    private Activation Create(GrainId id)
    {
        var type = _types.Get(id.Type);
        var grain = (Grain)type.Factory(_services, null);
        grain.Bind(id, StableHash.ShardOf(id.Key, _shardCount));
        RuntimeMetrics.ActivationAdded(id.Type);
        return new Activation(grain, _time, type.IdleTimeout);
    }
}
