using System.Text.Json.Nodes;
using Voting.LoadTests.Load;
using Voting.LoadTests.Model;
using Voting.LoadTests.Workloads;

namespace Voting.LoadTests.Cli;

/// <summary>Offline checks of the driver's own building blocks (no server needed): <c>selftest</c>.</summary>
public static class SelfTest
{
    public static int Run(TextWriter output)
    {
        var failures = new List<string>();

        void Check(bool condition, string what)
        {
            output.WriteLine($"   [{(condition ? "ok" : "FAIL")}] {what}");
            if (!condition)
            {
                failures.Add(what);
            }
        }

        Pesels(Check);
        Histogram(Check);
        Profiles(Check);
        Ballots(Check);
        Mixing(Check);

        output.WriteLine(failures.Count == 0 ? "selftest: PASS" : $"selftest: FAIL ({failures.Count})");
        return failures.Count == 0 ? 0 : 1;
    }

    private static void Pesels(Action<bool, string> check)
    {
        check(PeselGenerator.TryDecode("44051401359", out var known) && known == new DateOnly(1944, 5, 14), "known PESEL 44051401359 decodes to 1944-05-14");
        check(!PeselGenerator.TryDecode("44051401358", out _), "a wrong control digit is rejected");
        check(PeselGenerator.Build(new DateOnly(2003, 7, 1), 1234)[2..4] == "27", "2000s births use month + 20");

        var generator = new PeselGenerator(PeselGenerator.Capacity - 50_000);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        var adult = true;
        var twentyFirst = false;
        var limit = new DateOnly(2004, 12, 31);
        for (long n = 0; n < 300_000; n++)
        {
            var pesel = generator.Next(n * 97);
            seen.Add(pesel);
            valid &= PeselGenerator.TryDecode(pesel, out var birth);
            adult &= birth <= limit;
            twentyFirst |= birth.Year >= 2000;
        }

        check(seen.Count == 300_000, "300k generated PESELs (across the wrap-around) are distinct");
        check(valid, "every generated PESEL has a valid checksum and calendar date");
        check(adult && twentyFirst, "birth dates are adult (≤ 2004) and include 2000s births");
    }

    private static void Histogram(Action<bool, string> check)
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 100_000; v++)
        {
            h.RecordMicros(v);
        }

        static bool Near(long actual, long expected)
        {
            return Math.Abs(actual - expected) <= expected * 0.01;
        }

        check(Near(h.QuantileMicros(0.5), 50_000) && Near(h.QuantileMicros(0.99), 99_000), "histogram p50/p99 of 1..100000 µs within 1 %");
        check(h.MaxMicros == 100_000 && h.Count == 100_000, "histogram max and count are exact");
        var monotone = true;
        var bounded = true;
        for (long v = 0; v < 5_000_000; v = (v * 11 / 10) + 1)
        {
            var i = LatencyHistogram.IndexOf(v);
            monotone &= LatencyHistogram.IndexOf(v + 1) >= i;
            bounded &= v <= LatencyHistogram.UpperBound(i) && LatencyHistogram.UpperBound(i) <= v + Math.Max(1, v / 100);
        }

        check(monotone && bounded, "bucket index is monotone and upper bounds are within 1 %");
    }

    private static void Profiles(Action<bool, string> check)
    {
        var constant = RateProfile.Constant(100, TimeSpan.FromSeconds(10));
        check(constant.TotalArrivals == 1000 && constant.TimeOf(1000) is null && Math.Abs(constant.TimeOf(500)!.Value - 5) < 1e-9, "constant 100/s for 10s: 1000 arrivals, #500 at 5 s");
        var ramp = RateProfile.Parse("0:100:10s,100:100:5s");
        check(Math.Abs(ramp.TimeOf(125)!.Value - 5) < 1e-6 && Math.Abs(ramp.TimeOf(600)!.Value - 11) < 1e-6 && ramp.TotalArrivals == 1000, "ramp 0→100/s: #125 at 5 s, #600 at 11 s, 1000 arrivals");
        var down = RateProfile.Parse("100:0:10s");
        var monotone = true;
        for (var i = 1; i < down.TotalArrivals; i++)
        {
            monotone &= down.TimeOf(i) >= down.TimeOf(i - 1);
        }

        check(monotone && down.TimeOf(down.TotalArrivals - 1) <= 10, "ramp down 100→0/s: times are monotone and inside the stage");
    }

    private static void Ballots(Action<bool, string> check)
    {
        var doc = EditionFactory.Create("selftest", TimeProvider.System);
        var edition = Edition.Parse(JsonNode.Parse(doc.ToJsonString())!);
        var factory = new BallotFactory(edition);
        var rng = new Random(7);
        var bad = new List<string>();
        var districts = 0;
        for (var i = 0; i < 5000; i++)
        {
            var ballot = factory.Create(rng);
            bad.AddRange(BallotRulesCheck.Errors(edition, ballot));
            districts += ballot.District is null ? 0 : 1;
        }

        check(bad.Count == 0, "5000 random ballots for the generated edition are valid" + (bad.Count > 0 ? ": " + bad[0] : ""));
        check(districts is > 500 and < 4500, "ballots mix city-only and city+district");

        var tight = new Pool("t", "city", 100, new BallotRule("cumulative", 0, null, null, [], 7, 7, 2, null), [new Project("a", 1), new Project("b", 1), new Project("c", 1), new Project("d", 1)]);
        var ok = true;
        for (var i = 0; i < 500; i++)
        {
            var picks = BallotFactory.ForPool(tight, rng);
            ok &= picks.Sum(p => p.Points) == 7 && picks.All(p => p.Points is >= 1 and <= 2);
        }

        check(ok, "cumulative pool with exactly 7 points, ≤ 2 per project, 4 projects");
        var body = VoteWorkload.Body("44051401359", new Ballot([new Selection("2", null), new Selection("3", 4)], null)).ToJsonString();
        check(body == """{"voter":{"pesel":"44051401359"},"selections":[{"projectId":"2"},{"projectId":"3","points":4}]}""", "ballot JSON matches API.md");
    }

    private static void Mixing(Action<bool, string> check)
    {
        var counts = new int[3];
        var mix = Mix.Of(
            ((_, _) => { counts[0]++; return Task.FromResult(default(Outcome)); }, 6),
            ((_, _) => { counts[1]++; return Task.FromResult(default(Outcome)); }, 2),
            ((_, _) => { counts[2]++; return Task.FromResult(default(Outcome)); }, 2));
        for (var i = 0; i < 100; i++)
        {
            _ = mix(i, CancellationToken.None);
        }

        check(counts is [60, 20, 20], "mix 6:2:2 over 100 arrivals gives 60/20/20");
    }
}
