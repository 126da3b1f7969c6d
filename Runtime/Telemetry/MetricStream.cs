using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Voting.Runtime.Telemetry;

/// <summary>
/// The series of one instrument, found by the measurement's tags without allocating (alternate
/// lookup on the span). Tags in another order map to the same series (labels are sorted).
/// </summary>
internal sealed class MetricStream
{
    /// <summary>Label sets beyond this go to one overflow series (a guard against unbounded tags).</summary>
    public const int MaxSeries = 2000;

    private static readonly KeyValuePair<string, string>[] OverflowLabels = [new("otel.metric.overflow", "true")];

    private readonly ConcurrentDictionary<TagSet, MetricSeries> _byTags = new(TagSetComparer.Instance);
    private readonly ConcurrentDictionary<TagSet, MetricSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private readonly ConcurrentDictionary<string, MetricSeries> _byLabels = new(StringComparer.Ordinal);
    private readonly double[]? _bounds;
    private readonly bool _accumulates;

    public MetricStream(Instrument instrument, MetricType type, bool accumulates)
    {
        Instrument = instrument;
        Type = type;
        _accumulates = accumulates;
        _bounds = type == MetricType.Histogram ? HistogramBounds.ForUnit(instrument.Unit) : null;
        _lookup = _byTags.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        Name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, type);
    }

    public Instrument Instrument { get; }

    public MetricType Type { get; }

    public string Name { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_lookup.TryGetValue(tags, out var series))
        {
            series = AddSeries(tags);
        }
        if (Type == MetricType.Histogram)
        {
            series.Observe(value);
        }
        else if (_accumulates)
        {
            series.Add(value);
        }
        else
        {
            series.Set(value);
        }
    }

    public MetricFamily Collect()
    {
        var samples = _byLabels.Values.Select(s => s.Sample()).ToArray();
        return new MetricFamily(Name, Type, Instrument.Description, Instrument.Meter.Name, Instrument.Name, Instrument.Unit, samples);
    }

    private MetricSeries AddSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(tags[i].Key, MetricSeries.LabelValue(tags[i].Value));
        }
        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = string.Join('\u0001', labels.Select(l => l.Key + "\u0002" + l.Value));
        MetricSeries series;
        if (_byLabels.Count >= MaxSeries && !_byLabels.ContainsKey(key))
        {
            series = _byLabels.GetOrAdd("\u0003overflow", _ => new MetricSeries(OverflowLabels, _bounds));
        }
        else
        {
            series = _byLabels.GetOrAdd(key, _ => new MetricSeries(labels, _bounds));
        }
        if (_byTags.Count < MaxSeries * 4)
        {
            _lookup.TryAdd(tags, series);
        }
        return series;
    }
}
