namespace Voting.Runtime.Telemetry;

/// <summary>Fixed bucket upper bounds (Prometheus <c>le</c>), chosen by the instrument's unit.</summary>
public static class HistogramBounds
{
    /// <summary>For durations in seconds: 1 ms … 10 s (the ballot endpoint's SLO sits in the low buckets).</summary>
    public static readonly double[] Seconds = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>For durations in milliseconds: the same as <see cref="Seconds"/>, times 1000.</summary>
    public static readonly double[] Milliseconds = [.. Seconds.Select(s => s * 1000)];

    /// <summary>For sizes and counts (batch sizes, bytes): powers of two up to 4096.</summary>
    public static readonly double[] Sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

    public static double[] ForUnit(string? unit) => unit switch
    {
        "s" => Seconds,
        "ms" => Milliseconds,
        _ => Sizes,
    };
}
