using System.Globalization;

namespace Voting.LoadTests.Load;

/// <summary>One linear stage of an arrival-rate profile: from <see cref="From"/>/s to <see cref="To"/>/s over <see cref="Duration"/>.</summary>
public sealed record RateStage(double From, double To, TimeSpan Duration)
{
    public double Arrivals => (From + To) / 2 * Duration.TotalSeconds;
}

/// <summary>
/// Piecewise-linear arrival rate (k6 ramping-arrival-rate). <see cref="TimeOf"/> gives the exact
/// intended send time of the i-th arrival by inverting the cumulative count
/// N(τ) = C0 + r0·τ + (r1 - r0)·τ²/(2D) within each stage.
/// </summary>
public sealed class RateProfile
{
    private readonly IReadOnlyList<RateStage> _stages;

    public RateProfile(IReadOnlyList<RateStage> stages)
    {
        if (stages.Count == 0 || stages.Any(s => s.From < 0 || s.To < 0 || s.Duration <= TimeSpan.Zero))
        {
            throw new ArgumentException("a profile needs stages with rates ≥ 0 and durations > 0", nameof(stages));
        }

        _stages = stages;
    }

    public IReadOnlyList<RateStage> Stages => _stages;

    public TimeSpan Duration => TimeSpan.FromTicks(_stages.Sum(s => s.Duration.Ticks));

    public double PeakRate => _stages.Max(s => Math.Max(s.From, s.To));

    public long TotalArrivals => (long)Math.Floor(_stages.Sum(s => s.Arrivals));

    public static RateProfile Constant(double rate, TimeSpan duration)
    {
        return new RateProfile([new RateStage(rate, rate, duration)]);
    }

    /// <summary>Parses <c>"0:2000:10s,2000:2000:20s"</c> (from:to:duration, comma separated).</summary>
    public static RateProfile Parse(string text)
    {
        var stages = new List<RateStage>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bits = part.Split(':');
            if (bits.Length != 3)
            {
                throw new FormatException($"stage '{part}' is not from:to:duration");
            }

            stages.Add(new RateStage(
                double.Parse(bits[0], CultureInfo.InvariantCulture),
                double.Parse(bits[1], CultureInfo.InvariantCulture),
                DurationText.Parse(bits[2])));
        }

        return new RateProfile(stages);
    }

    /// <summary>Seconds from the start at which arrival <paramref name="index"/> (0-based) is due, or null past the end.</summary>
    public double? TimeOf(long index)
    {
        double before = 0;
        double start = 0;
        foreach (var s in _stages)
        {
            var seconds = s.Duration.TotalSeconds;
            if (index < before + s.Arrivals)
            {
                var x = index - before;
                var a = (s.To - s.From) / (2 * seconds);
                var b = s.From;
                var root = Math.Sqrt(Math.Max(0, (b * b) + (4 * a * x)));
                var tau = b + root == 0 ? 0 : 2 * x / (b + root);
                return start + Math.Min(tau, seconds);
            }

            before += s.Arrivals;
            start += seconds;
        }

        return null;
    }

    public override string ToString()
    {
        return string.Join(",", _stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.From:0.##}:{s.To:0.##}:{DurationText.Format(s.Duration)}")));
    }
}
