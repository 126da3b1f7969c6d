using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Voting.Runtime.Telemetry;

/// <summary>
/// Listens to the process's meters and keeps running aggregates for <c>/metrics</c> and <c>/ops</c>.
/// Our own small exporter: the OpenTelemetry Prometheus exporter packages cannot be restored
/// from the package registry this project builds against.
/// </summary>
/// <remarks>
/// Synchronous instruments aggregate on the caller's thread (a dictionary hit on the tag span and
/// an Interlocked add, no allocation, no lock); observable instruments are read on each collect.
/// With a <paramref name="scope"/> (the host's <see cref="IMeterFactory"/>), meters made by another
/// host's factory in the same process are ignored; meters without a scope (static ones) are taken.
/// </remarks>
public sealed class MetricsAggregator : IDisposable
{
    /// <summary>The meters a gateway or silo exports ("Prefix.*" matches the prefix and its children).</summary>
    public static readonly IReadOnlyList<string> DefaultMeters = ["Voting.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    /// <summary>
    /// Published as ObservableCounter by the runtime although they go down (thread count, queue
    /// length): shown as gauges, as the semantic conventions define them.
    /// </summary>
    private static readonly HashSet<string> GaugesPublishedAsCounters = new(StringComparer.Ordinal) { "dotnet.thread_pool.thread.count", "dotnet.thread_pool.queue.length" };

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricStream> _streams = new();
    private readonly string[] _meters;
    private readonly object? _scope;
    private readonly Lock _collectLock = new();

    public MetricsAggregator(IEnumerable<string> meters, object? scope = null)
    {
        _meters = [.. meters];
        _scope = scope;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = (instrument, state) => _streams.TryRemove(instrument, out var removed);
        _listener.SetMeasurementEventCallback<long>(static (_, m, tags, state) => ((MetricStream)state!).Record(m, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, m, tags, state) => ((MetricStream)state!).Record(m, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, m, tags, state) => ((MetricStream)state!).Record(m, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, m, tags, state) => ((MetricStream)state!).Record(m, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, m, tags, state) => ((MetricStream)state!).Record(m, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, m, tags, state) => ((MetricStream)state!).Record(m, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, m, tags, state) => ((MetricStream)state!).Record((double)m, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments, then every instrument's series, sorted by name.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        lock (_collectLock)
        {
            _listener.RecordObservableInstruments();
            return [.. _streams.Values.Select(s => s.Collect()).OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.MeterName, StringComparer.Ordinal)];
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>"Voting.*" matches "Voting" and "Voting.Runtime"; other names match exactly (case-insensitive).</summary>
    public static bool Matches(string meterName, string pattern) =>
        pattern.EndsWith(".*", StringComparison.Ordinal)
            ? meterName.Equals(pattern[..^2], StringComparison.OrdinalIgnoreCase) || meterName.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : meterName.Equals(pattern, StringComparison.OrdinalIgnoreCase);

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (meter.Scope is not null && _scope is not null && !ReferenceEquals(meter.Scope, _scope))
        {
            return;
        }
        if (!_meters.Any(p => Matches(meter.Name, p)) || Classify(instrument) is not { } kind)
        {
            return;
        }
        var stream = _streams.GetOrAdd(instrument, i => new MetricStream(i, kind.Type, kind.Accumulates));
        listener.EnableMeasurementEvents(instrument, stream);
    }

    /// <summary>Synchronous counters add deltas; observable ones report totals, and gauges report values.</summary>
    private static (MetricType Type, bool Accumulates)? Classify(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }
        var definition = type.GetGenericTypeDefinition();
        if (instrument.IsObservable && GaugesPublishedAsCounters.Contains(instrument.Name))
        {
            return (MetricType.Gauge, false);
        }
        return definition switch
        {
            _ when definition == typeof(Counter<>) => (MetricType.Counter, true),
            _ when definition == typeof(ObservableCounter<>) => (MetricType.Counter, false),
            _ when definition == typeof(UpDownCounter<>) => (MetricType.Gauge, true),
            _ when definition == typeof(ObservableUpDownCounter<>) => (MetricType.Gauge, false),
            _ when definition == typeof(Gauge<>) => (MetricType.Gauge, false),
            _ when definition == typeof(ObservableGauge<>) => (MetricType.Gauge, false),
            _ when definition == typeof(Histogram<>) => (MetricType.Histogram, true),
            _ => null,
        };
    }
}
