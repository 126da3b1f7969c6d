using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Voting.Runtime.Telemetry;

/// <summary>Wires the aggregator and <c>GET /metrics</c> into a gateway or a silo host.</summary>
public static class PrometheusEndpointExtensions
{
    /// <summary>Registers the aggregator (scoped to this host's meter factory) and the product gauges.</summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, string component, string version)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MetricsAggregator(MetricsAggregator.DefaultMeters, sp.GetRequiredService<IMeterFactory>()));
        services.TryAddSingleton(sp => new ProcessMetrics(sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>(), component, version));
        return services;
    }

    /// <summary>
    /// Maps the scrape endpoint and starts listening now (not at the first scrape), so counters
    /// include the requests served before Prometheus first calls.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder routes, string pattern = "/metrics")
    {
        var aggregator = routes.ServiceProvider.GetRequiredService<MetricsAggregator>();
        routes.ServiceProvider.GetRequiredService<ProcessMetrics>();
        return routes.MapGet(pattern, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(PrometheusTextWriter.Write(aggregator.Collect()), PrometheusTextWriter.ContentType);
        }).ExcludeFromDescription();
    }
}
