using Voting.Editions;
using Voting.Grains.Rules;
using Xunit;
using static Voting.Grains.Tests.Rules.TestEditions;

namespace Voting.Grains.Tests.Rules;

/// <summary>Projects are looked up by id through an index kept per pool list: it must follow the edition it serves.</summary>
public sealed class ProjectIndexTests
{
    private static readonly Pool City = Pool("city", Approval(max: 3), [("c1", 100), ("c2", 200)]);
    private static readonly Pool North = Pool("north", Approval(max: 2), [("n1", 10)], kind: PoolKind.District, district: "Północ");

    [Fact]
    public void A_changed_edition_is_looked_up_in_its_own_pools()
    {
        var before = Edition(City);
        Assert.Equal(["unknown-project"], BallotRules.Validate(before, Picks("n1"), null).Select(e => e.Rule));

        var after = before with { Pools = [City, North] };

        Assert.Equal("north", after.FindPoolOfProject("n1")?.Id);
        Assert.Empty(BallotRules.Validate(after, Picks("c1", "n1"), "Północ"));
        Assert.Null(before.FindPoolOfProject("n1"));
    }

    [Fact]
    public void An_id_in_two_pools_belongs_to_the_first_as_a_search_would_find()
    {
        var twice = Pool("north", Approval(max: 2), [("c1", 10)], kind: PoolKind.District, district: "Północ");

        Assert.Equal("city", Edition(City, twice).FindPoolOfProject("c1")?.Id);
        Assert.Equal("north", Edition(twice, City).FindPoolOfProject("c1")?.Id);
    }
}
