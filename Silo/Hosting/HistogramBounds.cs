namespace Voting.Silo.Hosting;

/// <summary>Explicit histogram bucket bounds (Prometheus <c>le</c>) for our histograms and the ballot endpoint's.</summary>
public static class HistogramBounds
{
    /// <summary>For durations in seconds: 1 ms … 10 s.</summary>
    public static readonly double[] Seconds = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>For sizes and counts (batch sizes): powers of two up to 4096.</summary>
    public static readonly double[] Sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
}
