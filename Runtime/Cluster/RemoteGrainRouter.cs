using System.Net.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Voting.Runtime.Grains;
using Voting.Runtime.Sharding;

namespace Voting.Runtime.Cluster;

/// <summary>
/// Routes grain calls to the silo owning the grain's shard (per the shard map). A call is
/// retried with jittered backoff, after refreshing the map, when the silo says "not owner", is
/// unreachable, times out or has its circuit open — safe because every grain call is idempotent.
/// When the deadline passes the caller gets <see cref="UnavailableException"/>: never a guess.
/// </summary>
public sealed class RemoteGrainRouter : IGrainCallRouter
{
    private readonly ShardMap _map;
    private readonly SiloChannels _channels;
    private readonly GrainWire _wire;
    private readonly int _shardCount;
    private readonly ResiliencePipeline _pipeline;
    private readonly RemoteReadCache _cache;

    public RemoteGrainRouter(ShardMap map, SiloChannels channels, GrainWire wire, IOptions<GrainRuntimeOptions> grains, IOptions<ClusterOptions> options, TimeProvider time, ILogger<RemoteGrainRouter> logger)
    {
        _map = map;
        _channels = channels;
        _wire = wire;
        _shardCount = grains.Value.ShardCount;
        _cache = new RemoteReadCache(time);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.Value.CallDeadline)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NotOwnerException>().Handle<HttpRequestException>().Handle<BrokenCircuitException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(25),
                MaxDelay = TimeSpan.FromMilliseconds(500),
                OnRetry = async args =>
                {
                    ClusterLog.CallRetried(logger, args.Outcome.Exception?.GetType().Name ?? "?", args.Outcome.Exception?.Message ?? "");
                    await _map.RefreshAsync(args.Context.CancellationToken);
                },
            })
            .Build();
    }

    public async Task<T> InvokeAsync<T>(GrainId id, GrainMethod method, object?[] args)
    {
        if (method.RemoteCacheDuration > TimeSpan.Zero)
        {
            return await _cache.GetOrCallAsync(id, method, () => CallAsync<T>(id, method, args));
        }
        try
        {
            return await CallAsync<T>(id, method, args);
        }
        finally
        {
            // Read your own writes: a call that may change the grain drops this process's copies.
            if (!method.IsReadOnly)
            {
                _cache.Forget(id);
            }
        }
    }

    private async Task<T> CallAsync<T>(GrainId id, GrainMethod method, object?[] args)
    {
        var shard = StableHash.ShardOf(id.Key, _shardCount);
        var arguments = _wire.WriteArguments(method, args);
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                var owner = _map.OwnerOf(shard) ?? throw new NotOwnerException(shard);
                return await _channels.Get(owner.Address).CallAsync<T>(id, method, shard, arguments, token);
            }, CancellationToken.None);
        }
        catch (Exception e) when (e is NotOwnerException or HttpRequestException or BrokenCircuitException or TimeoutRejectedException)
        {
            throw new UnavailableException($"No silo completed {id.Type}.{method.Method.Name} for shard {shard} in time; nothing is known to be recorded. Retry.", e);
        }
    }
}
