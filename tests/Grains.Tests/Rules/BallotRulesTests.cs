using Voting.Editions;
using Voting.Grains.Rules;
using Xunit;
using static Voting.Grains.Tests.Rules.TestEditions;

namespace Voting.Grains.Tests.Rules;

public sealed class BallotRulesTests
{
    private static readonly Pool CityApproval = Pool("city", Approval(min: 1, max: 3, maxTotalCost: 500),
        [("c1", 100), ("c2", 200), ("c3", 300), ("c4", 50)]);

    private static readonly Pool NorthDistrict = Pool("north", Approval(max: 2), [("n1", 10), ("n2", 20), ("n3", 30)],
        kind: PoolKind.District, district: "Północ");

    private static readonly Pool SouthDistrict = Pool("south", Approval(max: 2), [("s1", 10), ("s2", 20)],
        kind: PoolKind.District, district: "Południe");

    private static string[] Rules(IReadOnlyList<BallotError> errors) => [.. errors.Select(e => e.Rule)];

    [Fact]
    public void Validate_NoSelections_EmptyBallot()
    {
        var errors = BallotRules.Validate(Edition(CityApproval), [], null);
        var error = Assert.Single(errors);
        Assert.Equal(("empty-ballot", null), (error.Rule, error.PoolId));
    }

    [Fact]
    public void Validate_ValidApproval_NoErrors()
    {
        Assert.Empty(BallotRules.Validate(Edition(CityApproval), Picks("c1", "c2"), null));
    }

    [Fact]
    public void Validate_UnknownAndDuplicateProjects_BothReported()
    {
        var errors = BallotRules.Validate(Edition(CityApproval), Picks("c1", "zz", "c1", "c1"), null);
        Assert.Equal(["unknown-project", "duplicate-project"], Rules(errors));
        Assert.Null(errors[0].PoolId);
        Assert.Equal("city", errors[1].PoolId);
        Assert.Contains("zz", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ApprovalTooManyAndTooExpensive_ListsEveryBrokenRule()
    {
        var errors = BallotRules.Validate(Edition(CityApproval), Picks("c1", "c2", "c3", "c4"), null);
        Assert.Equal(["max-selections", "max-total-cost"], Rules(errors));
        Assert.Contains("3", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("650", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ApprovalBelowMinimum_MinSelections()
    {
        var pool = Pool("city", Approval(min: 2), [("a", 1), ("b", 1)]);
        Assert.Equal(["min-selections"], Rules(BallotRules.Validate(Edition(pool), Picks("a"), null)));
    }

    [Fact]
    public void Validate_PointsOnApprovalPool_Ignored()
    {
        Assert.Empty(BallotRules.Validate(Edition(CityApproval), [new Selection("c1", 5)], null));
    }

    [Fact]
    public void Validate_OrdinalCountOutsideRange_MinAndMaxSelections()
    {
        var pool = Pool("city", Ordinal(3, 3, 3, 2, 1), [("a", 1), ("b", 1), ("c", 1), ("d", 1)]);
        var edition = Edition(pool);
        Assert.Empty(BallotRules.Validate(edition, Picks("c", "a", "b"), null));
        Assert.Equal(["min-selections"], Rules(BallotRules.Validate(edition, Picks("a", "b"), null)));
        Assert.Equal(["max-selections"], Rules(BallotRules.Validate(edition, Picks("a", "b", "c", "d"), null)));
    }

    [Fact]
    public void Validate_OrdinalMorePicksThanPoints_MaxSelections()
    {
        var pool = Pool("city", new BallotSpec { Type = BallotType.Ordinal, Points = [2, 1] }, [("a", 1), ("b", 1), ("c", 1)]);
        Assert.Equal(["max-selections"], Rules(BallotRules.Validate(Edition(pool), Picks("a", "b", "c"), null)));
    }

    [Fact]
    public void Validate_CumulativeRules_EachReported()
    {
        var pool = Pool("city", Cumulative(minPoints: 5, maxPoints: 10, perProject: 4), [("a", 1), ("b", 1), ("c", 1)]);
        var edition = Edition(pool);
        Assert.Empty(BallotRules.Validate(edition, [new Selection("a", 4), new Selection("b", 3)], null));
        Assert.Equal(["points-required", "points-required", "min-points"],
            Rules(BallotRules.Validate(edition, [new Selection("a"), new Selection("b", 0), new Selection("c", 2)], null)));
        Assert.Equal(["max-points-per-project", "max-points-per-project", "max-points"],
            Rules(BallotRules.Validate(edition, [new Selection("a", 5), new Selection("b", 6)], null)));
    }

    [Fact]
    public void Validate_KnapsackOverBudgetOrUnderSpent_Reported()
    {
        var pool = Pool("city", Knapsack(minSpendPercent: 50), [("a", 600), ("b", 500), ("c", 100)], budget: 1000);
        var edition = Edition(pool);
        Assert.Empty(BallotRules.Validate(edition, Picks("a", "c"), null));
        Assert.Empty(BallotRules.Validate(edition, Picks("b"), null));
        Assert.Equal(["over-budget"], Rules(BallotRules.Validate(edition, Picks("a", "b"), null)));
        Assert.Equal(["min-spend"], Rules(BallotRules.Validate(edition, Picks("c"), null)));
    }

    [Fact]
    public void Validate_MultiPoolBallot_ChecksEachTouchedPoolOnly()
    {
        var city = Pool("city", Ordinal(2, 2, 2, 1), [("a", 1), ("b", 1), ("c", 1)]);
        var edition = Edition(city, NorthDistrict, SouthDistrict);
        Assert.Empty(BallotRules.Validate(edition, Picks("a", "n1", "b"), null));
        Assert.Empty(BallotRules.Validate(edition, Picks("n1", "n2"), null));  // the city pool may be skipped

        var errors = BallotRules.Validate(edition, Picks("a", "n1", "n2", "n3"), null);
        Assert.Equal([("city", "min-selections"), ("north", "max-selections")], errors.Select(e => (e.PoolId!, e.Rule)));
    }

    [Fact]
    public void Validate_TwoDistrictPoolsWhenOneAllowed_MaxDistrictPools()
    {
        var edition = Edition(CityApproval, NorthDistrict, SouthDistrict);
        var error = Assert.Single(BallotRules.Validate(edition, Picks("c1", "n1", "s1"), null));
        Assert.Equal(("max-district-pools", null), (error.Rule, error.PoolId));
        Assert.Empty(BallotRules.Validate(Edition(2, false, CityApproval, NorthDistrict, SouthDistrict), Picks("n1", "s1"), null));
    }

    [Theory]
    [InlineData("Północ", true)]
    [InlineData("PÓŁNOC", true)]
    [InlineData("południe", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Validate_DistrictTiedToResidence_WrongDistrictUnlessDeclaredHome(string? declared, bool valid)
    {
        var edition = Edition(1, true, CityApproval, NorthDistrict, SouthDistrict);
        var errors = BallotRules.Validate(edition, Picks("c1", "n1"), declared);
        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal(("wrong-district", "north"), (error.Rule, error.PoolId));
        }
        Assert.Empty(BallotRules.Validate(edition, Picks("c1"), declared));  // city pools are open to all
    }

    [Fact]
    public void Validate_DistrictNotTied_AnyVoterMayVoteInAnyDistrict()
    {
        Assert.Empty(BallotRules.Validate(Edition(CityApproval, NorthDistrict, SouthDistrict), Picks("s1"), "Północ"));
    }
}
