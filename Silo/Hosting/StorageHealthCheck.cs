using Microsoft.Extensions.Diagnostics.HealthChecks;
using Voting.Storage;

namespace Voting.Silo.Hosting;

/// <summary>Ready when the storage answers a read.</summary>
public sealed class StorageHealthCheck(IGrainStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.SumCountersAsync("health", cancellationToken);
            return HealthCheckResult.Healthy("storage reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("storage unreachable", e);
        }
    }
}
