using System.Diagnostics.Metrics;

namespace Voting.Runtime.Telemetry;

/// <summary>
/// Product gauges for the ops team (meter "Voting.Process"): uptime, start time and build info
/// (<c>voting_build_info{component,version} 1</c>, the Prometheus "info" idiom).
/// </summary>
public sealed class ProcessMetrics
{
    public const string MeterName = "Voting.Process";

    public ProcessMetrics(IMeterFactory meters, TimeProvider time, string component, string version)
    {
        var started = time.GetTimestamp();
        var startedAt = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("voting.process.uptime", () => time.GetElapsedTime(started).TotalSeconds, "s", "Seconds since telemetry started (about the process start)");
        meter.CreateObservableGauge("voting.process.start_time", () => startedAt, "s", "Unix time the process started, in seconds");
        KeyValuePair<string, object?>[] info = [new("component", component), new("version", version)];
        meter.CreateObservableGauge("voting.build.info", () => new Measurement<int>(1, info), description: "Always 1; labels name the component and build version");
        Component = component;
        Version = version;
    }

    public string Component { get; }

    public string Version { get; }
}
