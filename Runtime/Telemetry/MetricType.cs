namespace Voting.Runtime.Telemetry;

/// <summary>How a Prometheus scrape shows an instrument.</summary>
public enum MetricType
{
    /// <summary>A monotonic sum (Counter, ObservableCounter): written with a <c>_total</c> suffix.</summary>
    Counter,

    /// <summary>A value that goes up and down (UpDownCounter, ObservableUpDownCounter, Gauge, ObservableGauge).</summary>
    Gauge,

    /// <summary>A distribution: <c>_bucket{le=…}</c>, <c>_sum</c>, <c>_count</c>.</summary>
    Histogram,
}
