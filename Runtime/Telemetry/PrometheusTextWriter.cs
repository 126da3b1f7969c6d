using System.Globalization;
using System.Text;

namespace Voting.Runtime.Telemetry;

/// <summary>Writes metric families in the Prometheus text exposition format, version 0.0.4.</summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricFamily> families)
    {
        var text = new StringBuilder(16 * 1024);
        // Two instruments may map to one name (the same instrument name in two meters): one family.
        foreach (var group in families.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            var first = group.First();
            var series = group.Where(f => f.Type == first.Type).SelectMany(f => f.Series).ToList();
            if (series.Count == 0)
            {
                continue;
            }
            if (!string.IsNullOrEmpty(first.Help))
            {
                text.Append("# HELP ").Append(first.Name).Append(' ').Append(EscapeHelp(first.Help)).Append('\n');
            }
            text.Append("# TYPE ").Append(first.Name).Append(' ').Append(TypeWord(first.Type)).Append('\n');
            foreach (var sample in series)
            {
                if (first.Type == MetricType.Histogram)
                {
                    WriteHistogram(text, first.Name, sample);
                }
                else
                {
                    WriteSample(text, first.Name, sample.Labels, null, sample.Value);
                }
            }
        }
        return text.ToString();
    }

    private static void WriteHistogram(StringBuilder text, string name, SeriesSample sample)
    {
        var bounds = sample.Bounds ?? [];
        var counts = sample.BucketCounts ?? [];
        long cumulative = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            cumulative += counts[i];
            var le = i < bounds.Count ? Number(bounds[i]) : "+Inf";
            WriteSample(text, name + "_bucket", sample.Labels, le, cumulative);
        }
        WriteSample(text, name + "_sum", sample.Labels, null, sample.Value);
        WriteSample(text, name + "_count", sample.Labels, null, sample.Count);
    }

    private static void WriteSample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            text.Append('{');
            var separator = "";
            foreach (var label in labels)
            {
                text.Append(separator).Append(PrometheusNames.LabelName(label.Key)).Append("=\"");
                AppendLabelValue(text, label.Value);
                text.Append('"');
                separator = ",";
            }
            if (le is not null)
            {
                text.Append(separator).Append("le=\"").Append(le).Append('"');
            }
            text.Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <summary>Go's ParseFloat reads these: shortest round-trip, +Inf, -Inf, NaN.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string TypeWord(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Histogram => "histogram",
        _ => "gauge",
    };

    private static void AppendLabelValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
