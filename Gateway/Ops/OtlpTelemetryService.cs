using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Voting.Runtime.Telemetry;

namespace Voting.Gateway.Ops;

/// <summary>
/// Owns the OpenTelemetry tracer and meter providers (OTLP export). Built when the host starts,
/// before the server listens, and disposed (which flushes) when it stops. The hosting extensions
/// package that would do this is not served by the registry this project builds against.
/// </summary>
public sealed class OtlpTelemetryService(OtlpSettings settings, ILogger<OtlpTelemetryService> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>Activity sources traced: ours and ASP.NET Core's request activity.</summary>
    public static readonly string[] Sources = ["Voting.*", "Microsoft.AspNetCore"];

    private readonly Lock _gate = new();
    private TracerProvider? _tracer;
    private MeterProvider? _meter;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName, serviceVersion: settings.Version);
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddOtlpExporter(o => Configure(o, "traces"))
            .Build();
        _meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. MetricsAggregator.DefaultMeters])
            .AddOtlpExporter(o => Configure(o, "metrics"))
            .Build();
        OpsLog.OtlpExportEnabled(logger, settings.Endpoint, settings.Protocol.ToString());
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Disposing flushes what is buffered. The host may be stopped twice at once (a test host
        // stopped while Program's Run sees the shutdown too): one caller flushes, the other waits
        // for it, so neither returns before the data is out.
        lock (_gate)
        {
            DisposeQuietly(_tracer, "traces");
            _tracer = null;
            DisposeQuietly(_meter, "metrics");
            _meter = null;
        }
    }

    private void DisposeQuietly(IDisposable? provider, string signal)
    {
        try
        {
            provider?.Dispose();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or AggregateException)
        {
            OpsLog.OtlpShutdownFailed(logger, e, signal);
        }
    }

    private void Configure(OpenTelemetry.Exporter.OtlpExporterOptions options, string signal)
    {
        options.Protocol = settings.Protocol;
        options.Endpoint = settings.EndpointFor(signal);
    }
}
