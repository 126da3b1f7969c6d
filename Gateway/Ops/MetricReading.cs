namespace Voting.Gateway.Ops;

/// <summary>
/// One series of one instrument, copied out of an OpenTelemetry collection. Labels keep the
/// instrument's tag names (e.g. <c>http.route</c>). For a histogram, <see cref="Value"/> is the sum,
/// <see cref="Count"/> the count, and <see cref="BucketCounts"/> one count per bound plus +Inf (not cumulative).
/// </summary>
public sealed record MetricReading(
    string Instrument,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double Value,
    long Count,
    IReadOnlyList<double>? Bounds,
    IReadOnlyList<long>? BucketCounts)
{
    /// <summary>The value of one label, or null when the series has no such label.</summary>
    public string? Label(string name)
    {
        foreach (var label in Labels)
        {
            if (label.Key == name)
            {
                return label.Value;
            }
        }
        return null;
    }
}
