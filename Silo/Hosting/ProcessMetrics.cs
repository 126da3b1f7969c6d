using System.Diagnostics.Metrics;

namespace Voting.Silo.Hosting;

/// <summary>
/// Product gauges for the ops team (meter "Voting.Process"): uptime, start time and build info
/// (<c>voting_build_info{component,version} 1</c>, the Prometheus "info" idiom).
/// </summary>
public sealed class ProcessMetrics
{
    public const string MeterName = "Voting.Process";

    private readonly TimeProvider _time;
    private readonly long _started;

    public ProcessMetrics(IMeterFactory meters, TimeProvider time, TelemetryIdentity identity)
    {
        _time = time;
        _started = time.GetTimestamp();
        var startedAt = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("voting.process.uptime", () => Uptime.TotalSeconds, "s", "Seconds since telemetry started (about the process start)");
        meter.CreateObservableGauge("voting.process.start_time", () => startedAt, "s", "Unix time the process started, in seconds");
        KeyValuePair<string, object?>[] info = [new("component", identity.Component), new("version", identity.Version)];
        meter.CreateObservableGauge("voting.build.info", () => new Measurement<int>(1, info), description: "Always 1; labels name the component and build version");
    }

    /// <summary>Time since these gauges were created (about the process start).</summary>
    public TimeSpan Uptime => _time.GetElapsedTime(_started);
}

/// <summary>Creates the process gauges when the host starts (they are observed from then on).</summary>
internal sealed class ProcessMetricsService(ProcessMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = metrics;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
