using Voting.Editions;
using Voting.Grains.Rules;
using Xunit;
using static Voting.Grains.Tests.Rules.TestEditions;

namespace Voting.Grains.Tests.Rules;

public sealed class BallotScoringTests
{
    [Fact]
    public void Score_MixedPools_PointsPerBallotType()
    {
        var edition = Edition(2, false,
            Pool("city", Ordinal(1, 3, 3, 2, 1), [("o1", 1), ("o2", 1), ("o3", 1)]),
            Pool("cum", Cumulative(maxPoints: 10), [("k1", 1), ("k2", 1)], kind: PoolKind.District, district: "A"),
            Pool("app", Approval(), [("a1", 1)], kind: PoolKind.District, district: "B"),
            Pool("knap", Knapsack(), [("s1", 1)]));

        var picks = BallotScoring.Score(edition,
            [new("o2"), new("k1", 7), new("a1", 9), new("o3"), new("s1"), new("k2", 3), new("o1")]);

        Assert.Equal(
            [new("city", "o2", 3), new("cum", "k1", 7), new("app", "a1", 1), new("city", "o3", 2),
             new("knap", "s1", 1), new("cum", "k2", 3), new("city", "o1", 1)],
            picks);
    }

    [Fact]
    public void Score_OrdinalRankCountsOnlyPicksInThatPool()
    {
        var edition = Edition(
            Pool("city", Ordinal(1, 2, 5, 4), [("x", 1), ("y", 1)]),
            Pool("d", Ordinal(1, 2, 2, 1), [("p", 1), ("q", 1)], kind: PoolKind.District, district: "D"));

        var picks = BallotScoring.Score(edition, Picks("p", "x", "q", "y"));

        Assert.Equal([2L, 5L, 1L, 4L], picks.Select(p => p.Points));
    }
}
