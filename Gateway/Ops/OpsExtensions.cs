using OpenTelemetry.Metrics;
using Voting.Silo.Hosting;

namespace Voting.Gateway.Ops;

/// <summary>Operations wiring: telemetry (OpenTelemetry, OTLP when configured), <c>/metrics</c>, <c>/ops</c>, <c>/ops/snapshot</c>.</summary>
public static class OpsExtensions
{
    public static WebApplicationBuilder AddOps(this WebApplicationBuilder builder)
    {
        var component = builder.Configuration.GetValue<bool>("Cluster:Enabled") ? "gateway" : "embedded";
        builder.AddVotingTelemetry(component);
        // The ops page reads the same meter provider as /metrics, through a reader of its own.
        // Given as an instance: the meter provider owns (and disposes) it, not the container.
        var reader = new OpsMetricReader();
        builder.Services.AddSingleton(reader);
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddReader(reader));
        builder.Services.AddSingleton<OpsSnapshotBuilder>();
        builder.Services.AddSingleton<TurnoutPanelReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOps(this IEndpointRouteBuilder routes)
    {
        routes.MapVotingMetrics();
        routes.MapGet("/ops", OpsPageResult).ExcludeFromDescription();
        // ?edition=a,b&initiative=c: the turnout panel's watched ids (the page passes its own query on).
        routes.MapGet("/ops/snapshot", async (OpsSnapshotBuilder snapshots, TurnoutPanelReader turnout, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var query = context.Request.Query;
            var panel = await turnout.ReadAsync(TurnoutPanelReader.ParseIds(query["edition"]), TurnoutPanelReader.ParseIds(query["initiative"]));
            return TypedResults.Json(snapshots.Build() with { Turnout = panel }, OpsJsonContext.Default.OpsSnapshot);
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
