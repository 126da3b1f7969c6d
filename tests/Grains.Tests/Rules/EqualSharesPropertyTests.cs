using FsCheck;
using FsCheck.Fluent;
using Voting.Editions;
using Voting.Grains.Rules;
using Xunit;
using static Voting.Grains.Tests.Rules.TestEditions;

namespace Voting.Grains.Tests.Rules;

public sealed class EqualSharesPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Allocate_RandomInstances_NeverOverBudget()
    {
        Check.One(Runs, Prop.ForAll(RandomMesInstance.Gen.ToArbitrary(), instance =>
        {
            var result = EqualShares.Allocate(instance.Pool, instance.Tallies, instance.Ballots);
            return result.Spent <= instance.Pool.Budget
                && result.Spent == result.Projects.Where(p => p.Selected).Sum(p => p.Cost)
                && result.Projects.Count == instance.Pool.Projects.Count;
        }));
    }

    [Fact]
    public void Allocate_RandomInstances_SameAsPlainReferenceImplementation()
    {
        Check.One(Runs, Prop.ForAll(RandomMesInstance.Gen.ToArbitrary(), instance =>
        {
            var result = EqualShares.Allocate(instance.Pool, instance.Tallies, instance.Ballots);
            var expected = ReferenceEqualShares.Selected(instance.Pool, instance.Ballots);
            return result.Projects.Where(p => p.Selected).Select(p => p.ProjectId).ToHashSet().SetEquals(expected)
                .Label($"expected {string.Join(",", expected.Order())}, got {string.Join(",", result.Projects.Where(p => p.Selected).Select(p => p.ProjectId))}");
        }));
    }

    [Fact]
    public void Allocate_JumpingAdd1_SameAsSteppingByOne()
    {
        Check.One(Runs, Prop.ForAll(RandomMesInstance.Gen.ToArbitrary(), instance =>
        {
            var jumped = EqualShares.Allocate(instance.Pool, instance.Tallies, instance.Ballots, jump: true);
            var stepped = EqualShares.Allocate(instance.Pool, instance.Tallies, instance.Ballots, jump: false);
            return jumped.Step == stepped.Step && jumped.Result.Projects.SequenceEqual(stepped.Result.Projects);
        }));
    }

    [Fact]
    public void Run_BeforeReportedNextChange_RepeatsTheSameWinners()
    {
        Check.One(Runs, Prop.ForAll(RandomMesInstance.Gen.ToArbitrary(), FsCheck.Fluent.Gen.Choose(0, 40).ToArbitrary(), (instance, start) =>
        {
            var built = EqualSharesInstance.Build(instance.Pool, GreedyRank.Rank(instance.Pool, instance.Tallies), instance.Ballots);
            var (winners, next) = EqualSharesRun.Execute(built, start);
            var until = Math.Min(next, start + 40L);
            for (var step = start + 1; step < until; step++)
            {
                if (!EqualSharesRun.Execute(built, step).Winners.SequenceEqual(winners))
                {
                    return false;
                }
            }
            return true;
        }));
    }

    [Fact]
    public void Allocate_TwoDisjointCohesiveGroups_SpendingProportionalToGroupSize()
    {
        // Groups of a and b voters approve disjoint project sets (costs ca, cb). Each group alone affords
        // ⌊B·a/(n·ca)⌋ projects at the first run and Add1 only adds money, so |spentA − B·a/n| < max(ca, cb).
        var gen =
            from a in FsCheck.Fluent.Gen.Choose(1, 30)
            from b in FsCheck.Fluent.Gen.Choose(1, 30)
            from costA in FsCheck.Fluent.Gen.Choose(1, 100)
            from costB in FsCheck.Fluent.Gen.Choose(1, 100)
            from budget in FsCheck.Fluent.Gen.Choose(100, 1000)
            select (a, b, costA, costB, budget);
        Check.One(Runs, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (a, b, costA, costB, budget) = t;
            var projectsA = Enumerable.Range(0, (budget / costA) + 1).Select(i => ($"a{i}", (long)costA)).ToArray();
            var projectsB = Enumerable.Range(0, (budget / costB) + 1).Select(i => ($"b{i}", (long)costB)).ToArray();
            var pool = EqualSharesTests.MesPool(Approval(), [.. projectsA, .. projectsB], budget);
            var ballots = EqualSharesTests.Repeat(a, [.. projectsA.Select(p => p.Item1)])
                .Concat(EqualSharesTests.Repeat(b, [.. projectsB.Select(p => p.Item1)])).ToList();

            var result = EqualSharesTests.Allocate(pool, ballots);

            var spentA = result.Projects.Where(p => p.Selected && p.ProjectId.StartsWith('a')).Sum(p => p.Cost);
            var n = a + b;
            return Math.Abs((spentA * n) - ((long)budget * a)) < (long)Math.Max(costA, costB) * n;
        }));
    }
}

/// <summary>A small random Equal Shares instance: any ballot type, a few voters and projects, small integers.</summary>
internal sealed record RandomMesInstance(Pool Pool, List<IReadOnlyList<ScoredPick>> Ballots, List<Voting.Results.ProjectTally> Tallies)
{
    public static Gen<RandomMesInstance> Gen { get; } =
        from type in FsCheck.Fluent.Gen.Elements(BallotType.Approval, BallotType.Knapsack, BallotType.Ordinal, BallotType.Cumulative)
        from projectCount in FsCheck.Fluent.Gen.Choose(1, 6)
        from costs in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(0, 30), projectCount)
        from budget in FsCheck.Fluent.Gen.Choose(0, 90)
        from minVotes in FsCheck.Fluent.Gen.Elements(0, 0, 1, 2)
        from voterCount in FsCheck.Fluent.Gen.Choose(0, 9)
        from picks in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Shuffle(Enumerable.Range(0, projectCount)).SelectMany(order =>
            FsCheck.Fluent.Gen.Choose(0, projectCount).Select(k => order.Take(k).ToArray())), voterCount)
        from points in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(1, 5), voterCount * projectCount)
        select Build(type, costs, budget, minVotes, picks, points);

    private static RandomMesInstance Build(string type, int[] costs, int budget, int minVotes, int[][] picks, int[] points)
    {
        var spec = type == BallotType.Ordinal
            ? new BallotSpec { Type = type, Points = [5, 3, 2, 1, 1, 0] }
            : new BallotSpec { Type = type };
        var pool = EqualSharesTests.MesPool(spec, [.. costs.Select((c, i) => ($"p{i}", (long)c))], budget, minVotes);
        var ballots = picks.Select((ballot, v) => (IReadOnlyList<ScoredPick>)[.. ballot.Select((p, rank) => new ScoredPick("pool", $"p{p}",
            type switch
            {
                BallotType.Ordinal => spec.Points![rank],
                BallotType.Cumulative => points[(v * costs.Length) + p],
                _ => 1,
            }))]).ToList();
        return new RandomMesInstance(pool, ballots, ReferenceEqualShares.Tallies(pool, ballots));
    }

    public override string ToString() =>
        $"{Pool.Ballot.Type} budget {Pool.Budget} min {Pool.MinVotesToWin} costs [{string.Join(",", Pool.Projects.Select(p => p.Cost))}] " +
        $"ballots [{string.Join(" | ", Ballots.Select(b => string.Join(",", b.Select(p => $"{p.ProjectId}:{p.Points}"))))}]";
}
