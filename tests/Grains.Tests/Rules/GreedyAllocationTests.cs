using FsCheck;
using FsCheck.Fluent;
using Voting.Editions;
using Voting.Grains.Rules;
using Voting.Results;
using Xunit;
using static Voting.Grains.Tests.Rules.TestEditions;

namespace Voting.Grains.Tests.Rules;

public sealed class GreedyAllocationTests
{
    [Fact]
    public void Allocate_ProjectDoesNotFit_SkipsItAndContinues()
    {
        var pool = Pool("city", Approval(), [("a", 60), ("b", 50), ("c", 40)], budget: 100);
        var result = GreedyAllocation.Allocate(pool, [new("a", 60, 10, 10), new("b", 50, 8, 8), new("c", 40, 5, 5)]);

        Assert.Equal(["a", "b", "c"], result.Projects.Select(p => p.ProjectId));
        Assert.Equal([true, false, true], result.Projects.Select(p => p.Selected));
        Assert.Equal(100, result.Spent);
        Assert.Equal(("city", 100L, "greedy"), (result.PoolId, result.Budget, result.Method));
    }

    [Fact]
    public void Allocate_BelowMinVotesToWin_NotSelectedButListed()
    {
        var pool = Pool("city", Approval(), [("a", 10), ("b", 10)], budget: 100, minVotesToWin: 5);
        var result = GreedyAllocation.Allocate(pool, [new("a", 10, 4, 40), new("b", 10, 5, 5)]);

        Assert.Equal([("a", false), ("b", true)], result.Projects.Select(p => (p.ProjectId, p.Selected)));
        Assert.Equal(10, result.Spent);
    }

    [Fact]
    public void Allocate_Ties_ScoreThenVotesThenCostThenOrdinalId()
    {
        var pool = Pool("city", Ordinal(1, 3, 3, 2, 1),
            [("9", 30), ("10", 30), ("cheap", 20), ("many", 30), ("top", 30)], budget: 30);
        ProjectTally[] tallies =
        [
            new("9", 30, 5, 9), new("10", 30, 5, 9), new("cheap", 20, 5, 9), new("many", 30, 6, 9), new("top", 30, 1, 10),
        ];

        var result = GreedyAllocation.Allocate(pool, tallies);

        Assert.Equal(["top", "many", "cheap", "10", "9"], result.Projects.Select(p => p.ProjectId));
        Assert.Equal(["top"], result.Projects.Where(p => p.Selected).Select(p => p.ProjectId));
    }

    [Fact]
    public void Allocate_MissingTally_ListedWithZeroVotesAndPoolCost()
    {
        var pool = Pool("city", Approval(), [("a", 70), ("b", 20)], budget: 100);
        var result = GreedyAllocation.Allocate(pool, [new("a", 999, 3, 3), new("ghost", 1, 50, 50)]);

        Assert.Equal([new("a", 70, 3, 3, true), new("b", 20, 0, 0, true)], result.Projects);
        Assert.Equal(90, result.Spent);
    }

    [Fact]
    public void Allocate_RandomPools_NeverOverBudgetAndMaximal()
    {
        Prop.ForAll(RandomTallied.Gen.ToArbitrary(), instance =>
        {
            var result = GreedyAllocation.Allocate(instance.Pool, instance.Tallies);
            var selected = result.Projects.Where(p => p.Selected).ToList();
            var left = instance.Pool.Budget - result.Spent;
            var maximal = result.Projects.All(p => p.Selected || p.Votes < instance.Pool.MinVotesToWin || p.Cost > left);
            var ranked = result.Projects.Zip(result.Projects.Skip(1))
                .All(pair => GreedyRank.Instance.Compare(Tally(pair.First), Tally(pair.Second)) < 0);
            return result.Spent <= instance.Pool.Budget
                && result.Spent == selected.Sum(p => p.Cost)
                && result.Projects.Count == instance.Pool.Projects.Count
                && maximal
                && ranked;
        }).QuickCheckThrowOnFailure();
    }

    private static ProjectTally Tally(ProjectResult p) => new(p.ProjectId, p.Cost, p.Votes, p.Score);
}

/// <summary>A random pool with random tallies (some projects without a tally).</summary>
internal sealed record RandomTallied(Pool Pool, ProjectTally[] Tallies)
{
    public static Gen<RandomTallied> Gen { get; } =
        from count in FsCheck.Fluent.Gen.Choose(1, 8)
        from costs in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(0, 60), count)
        from votes in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(0, 6), count)
        from extra in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(0, 3), count)
        from hasTally in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Elements(true, true, false), count)
        from budget in FsCheck.Fluent.Gen.Choose(0, 150)
        from minVotes in FsCheck.Fluent.Gen.Choose(0, 3)
        select Build(costs, votes, extra, hasTally, budget, minVotes);

    private static RandomTallied Build(int[] costs, int[] votes, int[] extra, bool[] hasTally, int budget, int minVotes)
    {
        var projects = costs.Select((c, i) => ($"p{i}", (long)c)).ToArray();
        var pool = TestEditions.Pool("pool", TestEditions.Approval(), projects, budget: budget, minVotesToWin: minVotes);
        var tallies = Enumerable.Range(0, costs.Length)
            .Where(i => hasTally[i])
            .Select(i => new ProjectTally($"p{i}", costs[i], votes[i], votes[i] * (1 + extra[i])))
            .ToArray();
        return new RandomTallied(pool, tallies);
    }
}
