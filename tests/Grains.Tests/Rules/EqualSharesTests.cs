using Voting.Editions;
using Voting.Grains.Rules;
using Voting.Results;
using Xunit;
using static Voting.Grains.Tests.Rules.TestEditions;

namespace Voting.Grains.Tests.Rules;

public sealed class EqualSharesTests
{
    internal static Pool MesPool(BallotSpec ballot, (string Id, long Cost)[] projects, long budget, long minVotesToWin = 0) =>
        Pool("pool", ballot, projects, budget: budget, minVotesToWin: minVotesToWin, method: AllocationMethod.EqualShares);

    internal static List<IReadOnlyList<ScoredPick>> Approvals(params string[][] ballots) =>
        [.. ballots.Select(b => (IReadOnlyList<ScoredPick>)[.. b.Select(id => new ScoredPick("pool", id, 1))])];

    internal static List<IReadOnlyList<ScoredPick>> Repeat(int times, params string[] picks) =>
        Approvals([.. Enumerable.Repeat(picks, times)]);

    internal static PoolResult Allocate(Pool pool, List<IReadOnlyList<ScoredPick>> ballots) =>
        EqualShares.Allocate(pool, ReferenceEqualShares.Tallies(pool, ballots), ballots);

    private static string[] Selected(PoolResult result) =>
        [.. result.Projects.Where(p => p.Selected).Select(p => p.ProjectId).Order(StringComparer.Ordinal)];

    [Fact]
    public void Allocate_EqualSharesNetDocExample_SelectsP1AndP3()
    {
        // equalshares.net/implementation/computation, docstring of equal_shares(): voters v1..v3, costs p1=100, p2=50,
        // p3=50, approvers p1:{v1,v2}, p2:{v1}, p3:{v3}, budget 150 → [p1, p3].
        var pool = MesPool(Approval(), [("p1", 100), ("p2", 50), ("p3", 50)], 150);
        var result = Allocate(pool, Approvals(["p1", "p2"], ["p1"], ["p3"]));

        Assert.Equal(["p1", "p3"], Selected(result));
        Assert.Equal(150, result.Spent);
        Assert.Equal("equal-shares", result.Method);
    }

    [Fact]
    public void Allocate_RedAndBlueMajority_SplitsFiveAndFiveThanksToAdd1()
    {
        // The motivating example of equalshares.net and Wikipedia ("Method of Equal Shares"): 51% back 10 red
        // projects, 49% back 10 blue ones, money for 10 → MES picks 5 red and 5 blue (knapsack greedy: 10 red).
        // Hand-worked with 51 + 49 voters, cost 100 each, budget 1000: at 10 per voter the blue voters pay
        // 100/49 per project and afford only 4 (5·100/49 > 10); Add1 step 1 (11 per voter) affords 5 + 5 = 1000.
        (string, long)[] projects = [.. Enumerable.Range(0, 10).SelectMany(i => new[] { ($"red{i}", 100L), ($"blue{i}", 100L) })];
        var pool = MesPool(Approval(), projects, 1000);
        string[] red = [.. Enumerable.Range(0, 10).Select(i => $"red{i}")];
        string[] blue = [.. Enumerable.Range(0, 10).Select(i => $"blue{i}")];
        var ballots = Repeat(51, red).Concat(Repeat(49, blue)).ToList();
        var tallies = ReferenceEqualShares.Tallies(pool, ballots);

        var (result, step, _) = EqualShares.Allocate(pool, tallies, ballots, jump: true);

        Assert.Equal(1, step);
        Assert.Equal(5, Selected(result).Count(id => id.StartsWith("red", StringComparison.Ordinal)));
        Assert.Equal(5, Selected(result).Count(id => id.StartsWith("blue", StringComparison.Ordinal)));
        Assert.Equal(1000, result.Spent);
        Assert.Equal(10, GreedyAllocation.Allocate(pool, tallies).Projects.Where(p => p.Selected).Count(p => p.ProjectId.StartsWith("red", StringComparison.Ordinal)));

        var (firstRun, _) = EqualSharesRun.Execute(EqualSharesInstance.Build(pool, GreedyRank.Rank(pool, tallies), ballots), 0);
        Assert.Equal(9, firstRun.Count);
    }

    [Fact]
    public void Allocate_CappedSupportersPayAll_RhoRisesAndOrderChanges()
    {
        // Hand-worked (cost utilities). 8 voters, budget 80 → 10 each. P=40 {v1..v5}, Y=15 {v6,v7,v8},
        // R=12 {v1,v2,v3,v6}. Round 1: ρ(P)=8/40, ρ(R)=3/12, ρ(Y)=5/15 → P; v1..v5 keep 2.
        // Round 2: R's equal split 3 > 2, so v1..v3 pay their 2 each and v6 pays 6: ρ(R)=6/12 > ρ(Y)=1/3 → Y.
        // Round 3: R has 2+2+2+5 = 11 < 12 → out. Outcome {P, Y} = 55; R (12) would fit in 25 → Add1.
        // Step 1 (11 each): after P, v1..v3 keep 3 = the equal split, ρ(R)=1/4 < 1/3 → R, then Y: 67 ≤ 80.
        var pool = MesPool(Approval(), [("P", 40), ("Y", 15), ("R", 12)], 80);
        var ballots = Approvals(["P", "R"], ["P", "R"], ["P", "R"], ["P"], ["P"], ["Y", "R"], ["Y"], ["Y"]);
        var tallies = ReferenceEqualShares.Tallies(pool, ballots);
        var instance = EqualSharesInstance.Build(pool, GreedyRank.Rank(pool, tallies), ballots);

        Assert.Equal(["P", "Y"], EqualSharesRun.Execute(instance, 0).Winners.Select(w => instance.ProjectIds[w]));
        Assert.Equal(["P", "R", "Y"], EqualSharesRun.Execute(instance, 1).Winners.Select(w => instance.ProjectIds[w]));

        var (result, step, _) = EqualShares.Allocate(pool, tallies, ballots, jump: true);
        Assert.Equal(1, step);
        Assert.Equal(["P", "R", "Y"], Selected(result));
        Assert.Equal(67, result.Spent);
    }

    [Fact]
    public void Allocate_Add1Overshoots_KeepsLastFitAndFillsGreedily()
    {
        // Hand-worked. 3 voters, budget 100 (33⅓ each): A=60 {v1}, B=60 {v2}, C=30 {v3}. Only C is affordable;
        // A and B become affordable together once a voter has 60, and then A+B+C = 150 > 100, so Add1 keeps {C}.
        // Greedy fill with 70 left: rank ties on score and votes, then cost (C), then id: A fits, B no longer does.
        var pool = MesPool(Approval(), [("A", 60), ("B", 60), ("C", 30)], 100);
        var ballots = Approvals(["A"], ["B"], ["C"]);

        var (jumped, step, runs) = EqualShares.Allocate(pool, ReferenceEqualShares.Tallies(pool, ballots), ballots, jump: true);
        var (stepped, stepByOne, runsByOne) = EqualShares.Allocate(pool, ReferenceEqualShares.Tallies(pool, ballots), ballots, jump: false);

        Assert.Equal(["A", "C"], Selected(jumped));
        Assert.Equal(90, jumped.Spent);
        Assert.Equal(["C", "A", "B"], jumped.Projects.Select(p => p.ProjectId));
        Assert.Equal(jumped.Projects, stepped.Projects);
        Assert.Equal(26, step);  // 33⅓ + 26 < 60 ≤ 33⅓ + 27
        Assert.Equal(step, stepByOne);
        Assert.True(runs < runsByOne, $"jumping took {runs} runs, stepping {runsByOne}");
    }

    [Fact]
    public void Allocate_CumulativeUtilities_PaymentsProportionalToPoints()
    {
        // Hand-worked (point utilities). Budget 100, 2 voters (50 each), X=50, Y=50.
        // v1 gives X 3 points and Y 1; v2 gives Y 4. ρ(Y) = 50/5 = 10 (v1 pays 10, v2 40) < ρ(X) = 50/3 → Y.
        // v1 then holds 40 < 50 for X. Add1 until v1 keeps 50 after paying 10 for Y: step 10 → {X, Y} = 100.
        var pool = MesPool(Cumulative(), [("X", 50), ("Y", 50)], 100);
        List<IReadOnlyList<ScoredPick>> ballots =
        [
            [new("pool", "X", 3), new("pool", "Y", 1)],
            [new("pool", "Y", 4)],
        ];
        var tallies = ReferenceEqualShares.Tallies(pool, ballots);

        var (result, step, _) = EqualShares.Allocate(pool, tallies, ballots, jump: true);

        Assert.Equal(10, step);
        Assert.Equal(["X", "Y"], Selected(result));
        Assert.Equal(100, result.Spent);
        Assert.Equal(["Y", "X"], result.Projects.Select(p => p.ProjectId));  // score 5 vs 3
    }

    [Fact]
    public void Allocate_BelowMinVotesToWin_NeverSelected()
    {
        var pool = MesPool(Approval(), [("a", 10), ("b", 10)], 100, minVotesToWin: 2);
        var result = Allocate(pool, Approvals(["a", "b"], ["a"]));

        Assert.Equal(["a"], Selected(result));
    }

    [Fact]
    public void Allocate_NoBallots_GreedyFillOnly()
    {
        var pool = MesPool(Approval(), [("a", 60), ("b", 50), ("c", 40)], 100);
        var result = Allocate(pool, []);

        Assert.Equal(["b", "c"], Selected(result));  // zero votes everywhere: cheapest first
        Assert.Equal(3, result.Projects.Count);
    }

    [Fact]
    public void Allocate_BallotsOfOtherPoolsAndUnknownProjects_Ignored()
    {
        var pool = MesPool(Approval(), [("a", 50), ("b", 50)], 50);
        List<IReadOnlyList<ScoredPick>> ballots =
        [
            [new("pool", "a", 1), new("other", "b", 1)],
            [new("other", "b", 1)],
            [new("pool", "zz", 1)],
        ];
        var result = EqualShares.Allocate(pool, [new("a", 50, 1, 1)], ballots);

        Assert.Equal(["a"], Selected(result));
    }
}
