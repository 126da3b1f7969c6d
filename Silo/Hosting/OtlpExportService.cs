using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Voting.Silo.Hosting;

/// <summary>
/// With OTLP export on: says where it goes when the host starts, and flushes both signals when the
/// host has stopped, so what was recorded is out before stopping returns. A host may be stopped
/// twice at once (a test host stopped while Program's Run sees the shutdown too): one caller
/// flushes, the other waits for it, so neither returns before the data is out.
/// </summary>
internal sealed class OtlpExportService(OtlpSettings settings, TracerProvider tracer, MeterProvider meter, ILogger<OtlpExportService> logger) : IHostedLifecycleService
{
    private const int FlushMilliseconds = 10_000;

    private readonly Lock _gate = new();
    private bool _flushed;

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
        lock (_gate)
        {
            if (!_flushed)
            {
                _flushed = true;
                Flush(tracer.ForceFlush, "traces");
                Flush(meter.ForceFlush, "metrics");
            }
        }
        return Task.CompletedTask;
    }

    private void Flush(Func<int, bool> forceFlush, string signal)
    {
        try
        {
            if (!forceFlush(FlushMilliseconds))
            {
                TelemetryLog.OtlpFlushFailed(logger, signal);
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed already: disposing flushed it.
        }
    }
}

internal static partial class TelemetryLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "OpenTelemetry export (traces and metrics) to {Endpoint} over {Protocol}")]
    public static partial void OtlpExportEnabled(ILogger logger, Uri endpoint, string protocol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenTelemetry {Signal} were not all flushed at shutdown; some data may not have been exported")]
    public static partial void OtlpFlushFailed(ILogger logger, string signal);
}
