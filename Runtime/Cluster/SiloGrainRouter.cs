using Microsoft.Extensions.Options;
using Voting.Runtime.Grains;
using Voting.Runtime.Sharding;

namespace Voting.Runtime.Cluster;

/// <summary>A silo's router: grains of shards this silo serves run here, the others on their owner.</summary>
public sealed class SiloGrainRouter(ShardOwnership ownership, ActivationTable activations, RemoteGrainRouter remote, IOptions<GrainRuntimeOptions> grains) : IGrainCallRouter
{
    private readonly int _shardCount = grains.Value.ShardCount;

    public async Task<T> InvokeAsync<T>(GrainId id, GrainMethod method, object?[] args)
    {
        var shard = StableHash.ShardOf(id.Key, _shardCount);
        if (ownership.TryEnter(shard, out var call))
        {
            using (call)
            {
                return await activations.InvokeAsync<T>(id, method, args);
            }
        }
        return await remote.InvokeAsync<T>(id, method, args);
    }
}
