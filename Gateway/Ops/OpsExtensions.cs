using Voting.Runtime.Telemetry;

namespace Voting.Gateway.Ops;

/// <summary>Operations wiring: <c>/metrics</c>, <c>/ops</c>, <c>/ops/snapshot</c>, and OTLP export when configured.</summary>
public static class OpsExtensions
{
    public static WebApplicationBuilder AddOps(this WebApplicationBuilder builder)
    {
        var component = builder.Configuration.GetValue<bool>("Cluster:Enabled") ? "gateway" : "embedded";
        var version = BuildVersion.Of(typeof(OpsExtensions).Assembly);
        builder.Services.AddPrometheusMetrics(component, version);
        builder.Services.AddSingleton<OpsSnapshotBuilder>();
        if (OtlpSettings.From(builder.Configuration, "voting-" + component, version) is { } otlp)
        {
            builder.Services.AddSingleton(otlp);
            builder.Services.AddSingleton<OtlpTelemetryService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OtlpTelemetryService>());
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapOps(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusMetrics("/metrics");
        routes.MapGet("/ops", OpsPageResult).ExcludeFromDescription();
        routes.MapGet("/ops/snapshot", (OpsSnapshotBuilder snapshots, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Json(snapshots.Build(), OpsJsonContext.Default.OpsSnapshot);
        }).ExcludeFromDescription();
        return routes;
    }

    private static IResult OpsPageResult(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        return Microsoft.AspNetCore.Http.Results.Content(OpsPage.Html, "text/html; charset=utf-8");
    }
}
