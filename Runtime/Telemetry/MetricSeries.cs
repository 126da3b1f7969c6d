using System.Globalization;

namespace Voting.Runtime.Telemetry;

/// <summary>
/// The running value of one label set: lock-free (Interlocked) so measurements from every
/// request thread land without contention beyond a cache line.
/// </summary>
internal sealed class MetricSeries
{
    private readonly double[]? _bounds;
    private readonly long[]? _buckets;
    private double _value;

    public MetricSeries(KeyValuePair<string, string>[] labels, double[]? bounds)
    {
        Labels = labels;
        _bounds = bounds;
        _buckets = bounds is null ? null : new long[bounds.Length + 1];
    }

    public KeyValuePair<string, string>[] Labels { get; }

    public void Add(double delta)
    {
        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + delta, current);
            if (seen.Equals(current))
            {
                return;
            }
            current = seen;
        }
    }

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Observe(double value)
    {
        var bounds = _bounds!;
        var index = 0;
        while (index < bounds.Length && value > bounds[index])
        {
            index++;
        }
        Interlocked.Increment(ref _buckets![index]);
        Add(value);
    }

    public SeriesSample Sample()
    {
        if (_buckets is null)
        {
            return new SeriesSample(Labels, Volatile.Read(ref _value), 0, null, null);
        }
        var counts = new long[_buckets.Length];
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Volatile.Read(ref _buckets[i]);
            total += counts[i];
        }
        // _count is the sum of the buckets read, so +Inf always equals _count in one scrape.
        return new SeriesSample(Labels, Volatile.Read(ref _value), total, _bounds, counts);
    }

    /// <summary>Label values as Prometheus shows them (invariant numbers, lower-case booleans).</summary>
    public static string LabelValue(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
