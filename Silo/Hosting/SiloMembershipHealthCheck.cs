using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Voting.Silo.Hosting;

/// <summary>Ready when this silo is an active member of the cluster (joined, not shutting down or declared dead).</summary>
internal sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("active cluster member")
            : HealthCheckResult.Unhealthy($"silo status {status}"));
    }
}
