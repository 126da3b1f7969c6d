using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Voting.Runtime.Grains;

namespace Voting.Runtime.Cluster;

/// <summary>A silo is ready when its lease rounds succeed (the database answers).</summary>
public sealed class SiloReadyHealthCheck(ShardLeaseManager leases, ShardOwnership ownership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(leases.IsHealthy
            ? HealthCheckResult.Healthy($"serving {ownership.ServingCount()} shards")
            : HealthCheckResult.Unhealthy("lease rounds are failing (database unreachable?)"));
}

/// <summary>A cluster client is ready when it knows an owner for every shard.</summary>
public sealed class ShardMapHealthCheck(ShardMap map, IOptions<GrainRuntimeOptions> grains) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var known = map.KnownShards;
        var total = grains.Value.ShardCount;
        return Task.FromResult(known == total
            ? HealthCheckResult.Healthy($"all {total} shards have an owner")
            : known > 0 ? HealthCheckResult.Degraded($"{known} of {total} shards have an owner") : HealthCheckResult.Unhealthy("no shard has a known owner"));
    }
}
