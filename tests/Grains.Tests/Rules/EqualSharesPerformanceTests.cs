using System.Diagnostics;
using Voting.Editions;
using Voting.Grains.Rules;
using Xunit;
using static Voting.Grains.Tests.Rules.TestEditions;

namespace Voting.Grains.Tests.Rules;

public sealed class EqualSharesPerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Allocate_KrakowSizedSyntheticCity_CompletesWithinBudget()
    {
        // 51,000 ballots of 1–3 approvals over 100 projects (uneven popularity), budget 6,400,000, costs 50k–1.5M.
        var random = new Random(2026);
        var projects = Enumerable.Range(1, 100).Select(i => ($"{i}", (long)random.Next(50, 1501) * 1000)).ToArray();
        var weights = projects.Select(_ => 1 + (random.NextDouble() * random.NextDouble() * 20)).ToArray();
        var cumulative = weights.Select((w, i) => weights.Take(i + 1).Sum()).ToArray();
        var pool = Pool("city", Approval(min: 1, max: 3), projects, budget: 6_400_000, method: AllocationMethod.EqualShares);
        var ballots = new List<IReadOnlyList<ScoredPick>>(51_000);
        for (var v = 0; v < 51_000; v++)
        {
            var picks = new HashSet<int>();
            var count = random.Next(1, 4);
            while (picks.Count < count)
            {
                var x = random.NextDouble() * cumulative[^1];
                picks.Add(Math.Min(Array.FindIndex(cumulative, c => c >= x), projects.Length - 1));
            }
            ballots.Add([.. picks.Select(p => new ScoredPick("city", projects[p].Item1, 1))]);
        }
        var tallies = ReferenceEqualShares.Tallies(pool, ballots);

        var stopwatch = Stopwatch.StartNew();
        var (result, step, runs) = EqualShares.Allocate(pool, tallies, ballots, jump: true);
        stopwatch.Stop();

        output.WriteLine($"Equal Shares on 51,000 ballots × 100 projects: {stopwatch.ElapsedMilliseconds} ms, " +
            $"{runs} runs, Add1 step {step}, spent {result.Spent} of 6,400,000, {result.Projects.Count(p => p.Selected)} selected");
        Assert.True(result.Spent <= pool.Budget);
        Assert.Equal(100, result.Projects.Count);
        Assert.Contains(result.Projects, p => p.Selected);
    }
}
