using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Voting.Gateway.Ops;

/// <summary>
/// An in-process OpenTelemetry reader of the same meter provider that feeds <c>/metrics</c>:
/// <see cref="Read"/> collects on demand (cumulative totals, the provider's views and bounds) and
/// returns a copy of every series, for the <c>/ops</c> snapshot.
/// </summary>
public sealed class OpsMetricReader : BaseExportingMetricReader
{
    private readonly LatestMetrics _latest;
    private readonly Lock _gate = new();

    public OpsMetricReader()
        : this(new LatestMetrics())
    {
    }

    private OpsMetricReader(LatestMetrics latest)
        : base(latest)
    {
        _latest = latest;
    }

    /// <summary>Collects now and returns the series; empty before the meter provider has started.</summary>
    public IReadOnlyList<MetricReading> Read()
    {
        lock (_gate)
        {
            return Collect(5_000) ? _latest.Readings : [];
        }
    }

    /// <summary>Keeps the readings of the last export (the metric points are valid only during it).</summary>
    private sealed class LatestMetrics : BaseExporter<Metric>
    {
        public IReadOnlyList<MetricReading> Readings { get; private set; } = [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            var readings = new List<MetricReading>();
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    readings.Add(Copy(metric, in point));
                }
            }
            Readings = readings;
            return ExportResult.Success;
        }

        private static MetricReading Copy(Metric metric, in MetricPoint point)
        {
            var labels = new List<KeyValuePair<string, string>>();
            foreach (var tag in point.Tags)
            {
                labels.Add(new(tag.Key, LabelValue(tag.Value)));
            }
            if (metric.MetricType == MetricType.Histogram)
            {
                var bounds = new List<double>();
                var counts = new List<long>();
                foreach (var bucket in point.GetHistogramBuckets())
                {
                    if (!double.IsPositiveInfinity(bucket.ExplicitBound))
                    {
                        bounds.Add(bucket.ExplicitBound);
                    }
                    counts.Add(bucket.BucketCount);
                }
                return new MetricReading(metric.Name, labels, point.GetHistogramSum(), point.GetHistogramCount(), bounds, counts);
            }
            double value = metric.MetricType switch
            {
                MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                MetricType.LongGauge => point.GetGaugeLastValueLong(),
                MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                _ => 0,
            };
            return new MetricReading(metric.Name, labels, value, 0, null, null);
        }

        private static string LabelValue(object? value) => value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
