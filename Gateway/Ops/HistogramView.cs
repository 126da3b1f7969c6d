namespace Voting.Gateway.Ops;

/// <summary>A histogram merged over series: per-bucket counts (not cumulative), the last one is +Inf.</summary>
public sealed record HistogramView(long Count, double Sum, IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts)
{
    public static HistogramView Merge(IEnumerable<MetricReading> series, IReadOnlyList<double> defaultBounds)
    {
        var list = series.Where(s => s.BucketCounts is not null).ToList();
        var bounds = list.Count > 0 ? list[0].Bounds! : defaultBounds;
        var counts = new long[bounds.Count + 1];
        double sum = 0;
        foreach (var sample in list)
        {
            sum += sample.Value;
            for (var i = 0; i < counts.Length && i < sample.BucketCounts!.Count; i++)
            {
                counts[i] += sample.BucketCounts[i];
            }
        }
        return new HistogramView(counts.Sum(), sum, bounds, counts);
    }
}
