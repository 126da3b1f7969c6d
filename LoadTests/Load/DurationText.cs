using System.Globalization;

namespace Voting.LoadTests.Load;

/// <summary>k6-style durations: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>, or plain seconds.</summary>
public static class DurationText
{
    public static TimeSpan Parse(string text)
    {
        var t = text.Trim();
        (string number, double scale) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.Ordinal) => (t[..^2], 0.001),
            _ when t.EndsWith('s') => (t[..^1], 1.0),
            _ when t.EndsWith('m') => (t[..^1], 60.0),
            _ when t.EndsWith('h') => (t[..^1], 3600.0),
            _ => (t, 1.0),
        };
        return TimeSpan.FromSeconds(double.Parse(number, CultureInfo.InvariantCulture) * scale);
    }

    public static string Format(TimeSpan span)
    {
        return span.TotalSeconds >= 1 && span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0}s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0}ms");
    }
}
