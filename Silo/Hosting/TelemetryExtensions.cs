using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Voting.Storage;

namespace Voting.Silo.Hosting;

/// <summary>
/// OpenTelemetry for the gateway and the silo alike: our meters, Orleans', ASP.NET Core's and the
/// runtime's; traces across gateway → grain → ledger; Prometheus <c>/metrics</c>; OTLP when configured.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Orleans' meter (activations per grain type, messaging, directory, ...).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The meters exported: ours (storage, process) and Orleans..</summary>
    public static readonly string[] Meters = [StorageMetrics.Name, ProcessMetrics.MeterName, OrleansMeter];

    /// <summary>Turns the <see cref="PerEventDetail"/> instruments back on (for a profiling session).</summary>
    public const string DetailedInstrumentsKey = "Telemetry:DetailedInstruments";

    /// <summary>
    /// Instruments recorded on every request, grain call, buffer or activation that no dashboard,
    /// alert or <c>/ops</c> view reads: each costs a tag lookup and a lock per vote (about 5 % of the
    /// embedded gateway's CPU at saturation, measured with perf). Not exported unless
    /// <see cref="DetailedInstrumentsKey"/> is true. What operators read stays: request duration
    /// and count per route and status, active requests, rate-limited requests, Kestrel
    /// connections, activations per grain type and their creation and collection counts, messages
    /// received and forwarded, the ledger's commits, and the runtime's.
    /// </summary>
    public static readonly string[] PerEventDetail =
    [
        "aspnetcore.memory_pool.*",
        "aspnetcore.routing.match_attempts",
        "aspnetcore.rate_limiting.request_lease.duration",
        "aspnetcore.rate_limiting.active_request_leases",
        "orleans-app-requests-latency",
        "orleans-catalog-activation-latency",
        "orleans-catalog-deactivation-latency",
        "orleans-directory-lookups-*",
        "orleans-directory-registration*",
        "orleans-directory-unregistrations*",
        "orleans-messaging-processing-ima-*",
        "orleans-messaging-*-header-size",
        "orleans-messaging-sent-local",
        "orleans-messaging-sent-messages-size",
        "orleans-messaging-received-messages-size",
    ];

    /// <summary>The activity sources traced besides ASP.NET Core's requests.</summary>
    public static readonly string[] Sources = ["Voting.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// Registers OpenTelemetry with resource <c>service.name</c> "voting-{component}" and the build
    /// version, the meters and sources above, the Prometheus exporter, and OTLP export when
    /// <c>Telemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (a bad value fails here, naming the key).
    /// </summary>
    public static IHostApplicationBuilder AddVotingTelemetry(this IHostApplicationBuilder builder, string component)
    {
        var version = BuildVersionOf(typeof(TelemetryExtensions).Assembly);
        var identity = new TelemetryIdentity(component, version);
        var otlp = OtlpSettings.From(builder.Configuration, identity.ServiceName, version);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(identity);
        services.AddSingleton<ProcessMetrics>();
        // Creates the "Voting.Process" gauges when the host starts, before the first scrape.
        services.AddHostedService<ProcessMetricsService>();
        if (otlp is not null)
        {
            services.AddSingleton(otlp);
            services.AddHostedService<OtlpExportService>();
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(identity.ServiceName, serviceVersion: version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    // Finer than the defaults: the ballot endpoint's SLO sits in the millisecond buckets.
                    .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = HistogramBounds.Seconds })
                    .AddView("voting.storage.commit.duration", new ExplicitBucketHistogramConfiguration { Boundaries = HistogramBounds.Seconds })
                    .AddView("voting.storage.batch.size", new ExplicitBucketHistogramConfiguration { Boundaries = HistogramBounds.Sizes })
                    // No response cache: a scrape (and a test) sees what was recorded before it.
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (!builder.Configuration.GetValue<bool>(DetailedInstrumentsKey))
                {
                    foreach (var name in PerEventDetail)
                    {
                        metrics.AddView(name, MetricStreamConfiguration.Drop);
                    }
                }
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => otlp.Configure(o, "metrics"));
                }
            });
        if (otlp is not null)
        {
            // Traces only where they go somewhere: a listening tracer makes every request and grain
            // call record spans, which costs CPU per vote for nothing without an exporter.
            telemetry.WithTracing(tracing => tracing.AddSource(Sources).AddAspNetCoreInstrumentation().AddOtlpExporter(o => otlp.Configure(o, "traces")));
        }
        return builder;
    }

    /// <summary>Maps <c>GET /metrics</c> (Prometheus text, the OpenTelemetry exporter's names).</summary>
    public static IEndpointConventionBuilder MapVotingMetrics(this IEndpointRouteBuilder routes) =>
        routes.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();

    /// <summary>The version an assembly was built as (informational version, e.g. "1.0.0+commit").</summary>
    public static string BuildVersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
