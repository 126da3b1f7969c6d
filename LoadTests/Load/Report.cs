using System.Globalization;
using System.Text.Json.Nodes;
using Voting.LoadTests.Audit;

namespace Voting.LoadTests.Load;

/// <summary>Human-readable and JSON renderings of <see cref="RunStats"/> and audit checks.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Print(RunStats run, TextWriter output)
    {
        output.WriteLine(string.Create(Inv, $"== {run.Name}: {run.Elapsed.TotalSeconds:0.0}s, target peak {Rate(run.TargetRate)}/s"));
        output.WriteLine(string.Create(Inv, $"   scheduled {run.Scheduled}, sent {run.Sent}, completed {run.Completed}, dropped {run.Dropped}, failed {run.Failed}, achieved {run.AchievedRate:0.0}/s"));
        foreach (var (name, op) in run.Operations.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var h = op.Latency;
            output.WriteLine(string.Create(Inv,
                $"   {name,-16} n={op.Completed,-8} ok={op.Ok,-8} p50={Ms(h.QuantileMicros(0.50))} p95={Ms(h.QuantileMicros(0.95))} p99={Ms(h.QuantileMicros(0.99))} max={Ms(h.MaxMicros)} ms"));
            output.WriteLine("   " + new string(' ', 16) + " status " + string.Join(" ", op.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))
                + (op.ByCode.IsEmpty ? "" : "  codes " + string.Join(" ", op.ByCode.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}:{c.Value}"))));
        }
    }

    public static bool PrintAudit(string title, IReadOnlyList<AuditCheck> checks, TextWriter output)
    {
        var pass = checks.All(c => c.Pass);
        output.WriteLine($"== {title}: {(pass ? "PASS" : "FAIL")}");
        foreach (var check in checks)
        {
            output.WriteLine($"   [{(check.Pass ? "ok" : "FAIL")}] {check.Name}: {check.Detail}");
        }

        return pass;
    }

    public static JsonObject ToJson(RunStats run)
    {
        var ops = new JsonObject();
        foreach (var (name, op) in run.Operations.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            ops[name] = new JsonObject
            {
                ["completed"] = op.Completed,
                ["ok"] = op.Ok,
                ["failed"] = op.Failed,
                ["latencyMs"] = Latency(op.Latency),
                ["byStatus"] = new JsonObject(op.ByStatus.OrderBy(s => s.Key).Select(s => KeyValuePair.Create(s.Key.ToString(Inv), (JsonNode?)s.Value))),
                ["byCode"] = new JsonObject(op.ByCode.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            };
        }

        return new JsonObject
        {
            ["name"] = run.Name,
            ["elapsedSeconds"] = Math.Round(run.Elapsed.TotalSeconds, 3),
            ["targetPeakRate"] = double.IsNaN(run.TargetRate) ? null : run.TargetRate,
            ["scheduled"] = run.Scheduled,
            ["sent"] = run.Sent,
            ["completed"] = run.Completed,
            ["failed"] = run.Failed,
            ["dropped"] = run.Dropped,
            ["achievedRate"] = Math.Round(run.AchievedRate, 1),
            ["latencyMs"] = Latency(run.AllLatency()),
            ["operations"] = ops,
        };
    }

    public static JsonObject ToJson(IReadOnlyList<AuditCheck> checks)
    {
        var list = new JsonArray();
        foreach (var c in checks)
        {
            list.Add(new JsonObject { ["name"] = c.Name, ["pass"] = c.Pass, ["detail"] = c.Detail });
        }

        return new JsonObject { ["pass"] = checks.All(c => c.Pass), ["checks"] = list };
    }

    private static JsonObject Latency(LatencyHistogram h)
    {
        return new JsonObject
        {
            ["p50"] = MsValue(h.QuantileMicros(0.50)),
            ["p95"] = MsValue(h.QuantileMicros(0.95)),
            ["p99"] = MsValue(h.QuantileMicros(0.99)),
            ["p999"] = MsValue(h.QuantileMicros(0.999)),
            ["max"] = MsValue(h.MaxMicros),
            ["mean"] = Math.Round(h.MeanMicros / 1000, 3),
        };
    }

    private static double MsValue(long micros)
    {
        return Math.Round(micros / 1000.0, 3);
    }

    private static string Ms(long micros)
    {
        return (micros / 1000.0).ToString("0.00", Inv);
    }

    private static string Rate(double rate)
    {
        return double.IsNaN(rate) ? "closed-loop" : rate.ToString("0.#", Inv);
    }
}
