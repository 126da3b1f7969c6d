namespace Voting.Runtime.Telemetry;

/// <summary>
/// One series at the time of a scrape. Labels keep the instrument's tag names (e.g. <c>http.route</c>);
/// the Prometheus writer sanitizes them. For a histogram, <see cref="Value"/> is the sum and
/// <see cref="BucketCounts"/> holds one count per bound plus the +Inf bucket (not cumulative).
/// </summary>
public sealed record SeriesSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long Count, IReadOnlyList<double>? Bounds, IReadOnlyList<long>? BucketCounts)
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
