using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Voting.Silo.Hosting;

/// <summary>
/// With OTLP export on: says where it goes when the host starts, and flushes both signals when the
/// host has stopped, so what was recorded is out before stopping returns (the providers flush
/// again when the container disposes them, but a second concurrent dispose would not wait for it).
/// </summary>
internal sealed class OtlpExportService(OtlpSettings settings, IServiceProvider services, ILogger<OtlpExportService> logger) : IHostedLifecycleService
{
    private const int FlushMilliseconds = 10_000;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        TelemetryLog.OtlpExportEnabled(logger, settings.Endpoint, settings.Protocol.ToString());
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<TracerProvider>() is { } tracer && !tracer.ForceFlush(FlushMilliseconds))
        {
            TelemetryLog.OtlpFlushFailed(logger, "traces");
        }
        if (services.GetService<MeterProvider>() is { } meter && !meter.ForceFlush(FlushMilliseconds))
        {
            TelemetryLog.OtlpFlushFailed(logger, "metrics");
        }
        return Task.CompletedTask;
    }
}

internal static partial class TelemetryLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "OpenTelemetry export (traces and metrics) to {Endpoint} over {Protocol}")]
    public static partial void OtlpExportEnabled(ILogger logger, Uri endpoint, string protocol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenTelemetry {Signal} were not all flushed at shutdown; some data may not have been exported")]
    public static partial void OtlpFlushFailed(ILogger logger, string signal);
}
