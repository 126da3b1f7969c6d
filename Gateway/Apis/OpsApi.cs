using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Voting.Gateway.Apis;

/// <summary>Probes for Kubernetes: live touches nothing, ready checks storage.</summary>
public static class OpsApi
{
    public static IEndpointRouteBuilder MapOpsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return routes;
    }
}
