using Voting.Editions;
using Voting.Grains.Pabulib;
using Xunit;

namespace Voting.Grains.Tests.Pabulib;

public sealed class PabulibImportTests
{
    private static readonly DateTimeOffset OpensAt = new(2026, 9, 19, 0, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset ClosesAt = new(2026, 10, 3, 23, 59, 59, TimeSpan.FromHours(2));

    public static TheoryData<string> SharedFiles => SharedPabulibFiles.All;

    [Fact]
    public void ToEdition_Zabrze_OneBallotPerVoterAcrossSections()
    {
        var import = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Zabrze));
        var edition = import.Edition;

        Assert.Equal(19, edition.Pools.Count);
        Assert.Equal("city", edition.Pools[0].Id);
        Assert.Equal(PoolKind.City, edition.Pools[0].Kind);
        Assert.All(edition.Pools.Skip(1), p => Assert.Equal(PoolKind.District, p.Kind));
        Assert.Equal(12824, import.Ballots.Count);
        Assert.Equal(import.Ballots.Count, import.Ballots.Select(b => b.VoterId).Distinct().Count());
        var first = import.Ballots.Single(b => b.VoterId == "1");
        Assert.Equal([new Selection("P0065"), new Selection("P0070")], first.Selections);
        Assert.Equal(7520, import.Ballots.Count(b => b.Selections.Count == 2));
        Assert.All(import.Ballots, b => Assert.True(
            b.Selections.Count(s => edition.FindPoolOfProject(s.ProjectId)!.Kind == PoolKind.District) <= 1));
    }

    [Fact]
    public void ToEdition_ZabrzeDistricts_SlugPoolIds()
    {
        var edition = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Zabrze)).Edition;

        var ids = edition.Pools.Select(p => p.Id).ToList();
        Assert.Contains("osiedle-mikolaja-kopernika", ids);
        Assert.Contains("centrum-poludnie", ids);
        Assert.Contains("konczyce", ids);
        Assert.Contains("maciejow", ids);
        Assert.Contains("osiedle-mlodego-gornika", ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var pool = edition.Pools.Single(p => p.Id == "pawlow");
        Assert.Equal("Pawłów", pool.District);
        Assert.Equal(150000, pool.Budget);
    }

    [Fact]
    public void ToEdition_Edition_VotingWindowNameAndDistrictLimit()
    {
        var edition = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Zabrze)).Edition;

        Assert.Equal("zabrze-2021", edition.Id);
        Assert.Equal("Municipal PB in Zabrze", edition.Name);
        Assert.Equal(EditionPhase.Voting, edition.Phase);
        Assert.Equal(OpensAt, edition.VotingOpensAt);
        Assert.Equal(ClosesAt, edition.VotingClosesAt);
        Assert.Equal(1, edition.MaxDistrictPools);
    }

    [Fact]
    public void ToEdition_ZabrzeApproval_MinOneMaxOne()
    {
        var pool = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Zabrze)).Edition.Pools[0];

        Assert.Equal(BallotType.Approval, pool.Ballot.Type);
        Assert.Equal(1, pool.Ballot.MinSelections);
        Assert.Equal(1, pool.Ballot.MaxSelections);
        Assert.Equal(AllocationMethod.Greedy, pool.Method);
        Assert.Equal(500000, pool.Budget);
        Assert.Equal("Zielony park na Zaborzu", pool.Projects.Single(p => p.Id == "P0038").Title);
    }

    [Fact]
    public void ToEdition_KrakowOrdinal_PointsThreeTwoOne()
    {
        var import = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Krakow));
        var pool = Assert.Single(import.Edition.Pools);

        Assert.Equal("bienczyce", pool.Id);
        Assert.Equal(PoolKind.District, pool.Kind);
        Assert.Equal("BIEŃCZYCE", pool.District);
        Assert.Equal(BallotType.Ordinal, pool.Ballot.Type);
        Assert.Equal([3, 2, 1], pool.Ballot.Points!);
        Assert.Equal(3, pool.Ballot.MinSelections);
        Assert.Equal(3, pool.Ballot.MaxSelections);
        Assert.Equal(1222744, pool.Budget);
        Assert.All(import.Ballots, b => Assert.All(b.Selections, s => Assert.Null(s.Points)));
    }

    [Fact]
    public void ToEdition_WarszawaApproval_CostCapAndNoMaxLength()
    {
        var import = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Warszawa));
        var pool = Assert.Single(import.Edition.Pools);

        Assert.Equal("bielany", pool.Id);
        Assert.Equal(BallotType.Approval, pool.Ballot.Type);
        Assert.Equal(1, pool.Ballot.MinSelections);
        Assert.Null(pool.Ballot.MaxSelections);
        Assert.Equal(1415000, pool.Ballot.MaxTotalCost);
        Assert.Equal(6134, import.Ballots.Count);
        Assert.All(import.Projects, f => Assert.NotNull(f.Selected));
        Assert.All(import.Projects, f => Assert.Null(f.Score));
    }

    [Fact]
    public void ToEdition_GdanskCumulative_PointsFromColumn()
    {
        var import = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Gdansk));
        var pool = Assert.Single(import.Edition.Pools);

        Assert.Equal("olszynka", pool.Id);
        Assert.Equal(BallotType.Cumulative, pool.Ballot.Type);
        Assert.Equal(1, pool.Ballot.MinPoints);
        Assert.Equal(5, pool.Ballot.MaxPoints);
        Assert.Null(pool.Ballot.MaxPointsPerProject);
        var ballot = import.Ballots.Single(b => b.VoterId == "691");
        Assert.Equal([new Selection("OLS/0006", 3), new Selection("OLS/0004", 2)], ballot.Selections);
    }

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void ToEdition_SharedFile_StatedVotesAndScoresMatchBallots(string file)
    {
        var import = Import(SharedPabulibFiles.Read(file));

        var tally = PabulibTally.Count(import.Edition, import.Ballots);

        Assert.All(import.Projects, f =>
        {
            Assert.Equal(f.Votes, tally[f.ProjectId].Votes);
            Assert.Equal(f.Score ?? tally[f.ProjectId].Score, tally[f.ProjectId].Score);
        });
    }

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void ToEdition_SharedFile_BallotsKeepTheirSectionRules(string file)
    {
        var import = Import(SharedPabulibFiles.Read(file));

        foreach (var ballot in import.Ballots)
        {
            foreach (var group in ballot.Selections.GroupBy(s => import.Edition.FindPoolOfProject(s.ProjectId)!))
            {
                var spec = group.Key.Ballot;
                var count = group.Count();
                Assert.InRange(count, spec.MinSelections ?? 0, spec.MaxSelections ?? int.MaxValue);
                var cost = group.Sum(s => group.Key.Projects.Single(p => p.Id == s.ProjectId).Cost);
                Assert.InRange(cost, 0, spec.MaxTotalCost ?? long.MaxValue);
                var points = group.Sum(s => s.Points ?? 0);
                Assert.InRange(points, spec.MinPoints ?? 0, spec.MaxPoints ?? int.MaxValue);
            }
        }
    }

    [Fact]
    public void ToEdition_ChooseOne_ApprovalWithMaxOne()
    {
        var pool = ImportText(PabulibParserTests.Minimal("", "choose-1")).Edition.Pools[0];

        Assert.Equal(BallotType.Approval, pool.Ballot.Type);
        Assert.Equal(1, pool.Ballot.MaxSelections);
    }

    [Fact]
    public void ToEdition_OrdinalWithoutMaxLength_PointsFromProjectCount()
    {
        var pool = ImportText(PabulibParserTests.Minimal("", "ordinal")).Edition.Pools[0];

        Assert.Equal([3, 2, 1], pool.Ballot.Points!);
        Assert.Null(pool.Ballot.MaxSelections);
    }

    [Fact]
    public void ToEdition_CumulativeLimits_MapToBallotSpec()
    {
        var meta = "min_length;1\nmax_length;2\nmin_sum_points;2\nmax_sum_points;10\nmax_points;6\nmax_sum_cost;90.0\n";
        var import = ImportText(PabulibParserTests.Minimal(
            "VOTES\nvoter_id;vote;points\nx;\"P2,P1\";\"6,4\"\n", "cumulative", meta));
        var spec = import.Edition.Pools[0].Ballot;

        Assert.Equal((1, 2, 2, 10, 6, 90L), (spec.MinSelections, spec.MaxSelections, spec.MinPoints,
            spec.MaxPoints, spec.MaxPointsPerProject, spec.MaxTotalCost));
        Assert.Equal([new Selection("P2", 6), new Selection("P1", 4)], Assert.Single(import.Ballots).Selections);
    }

    [Theory]
    [InlineData("greedy", AllocationMethod.Greedy)]
    [InlineData("equalshares", AllocationMethod.EqualShares)]
    [InlineData("equalshares/add1", AllocationMethod.EqualShares)]
    [InlineData("MES", AllocationMethod.EqualShares)]
    [InlineData("phragmen", AllocationMethod.Greedy)]
    public void ToEdition_Rule_MapsToMethod(string rule, string expected)
    {
        var pool = ImportText(PabulibParserTests.Minimal("", "approval", "rule;" + rule + "\n")).Edition.Pools[0];

        Assert.Equal(expected, pool.Method);
    }

    [Fact]
    public void ToEdition_DecimalBudget_Accepted()
    {
        var text = PabulibParserTests.Minimal("").Replace("budget;100", "budget;1415000.0", StringComparison.Ordinal);

        Assert.Equal(1415000, ImportText(text).Edition.Pools[0].Budget);
    }

    [Theory]
    [InlineData("scoring", "vote_type 'scoring' is not supported")]
    public void ToEdition_UnsupportedVoteType_Throws(string voteType, string expected)
    {
        var error = Assert.Throws<PabulibFormatException>(() => ImportText(PabulibParserTests.Minimal("", voteType)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Line 1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEdition_BadBudget_Throws()
    {
        var text = PabulibParserTests.Minimal("").Replace("budget;100", "budget;lots", StringComparison.Ordinal);

        var error = Assert.Throws<PabulibInvalidException>(() => ImportText(text));

        Assert.Equal("budget", error.Key);
        Assert.Contains("'lots'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEdition_CumulativeVoteWithoutPoints_Throws()
    {
        var text = PabulibParserTests.Minimal("VOTES\nvoter_id;vote\nx;P1\n", "cumulative", "max_sum_points;10\n");

        var error = Assert.Throws<PabulibFormatException>(() => ImportText(text));

        Assert.Contains("Line 14:", error.Message, StringComparison.Ordinal); // one line more: the points cap a cumulative section needs (issue 9)
    }

    [Fact]
    public void ToEdition_TwoCitySections_UniqueIds()
    {
        var second = PabulibParserTests.Minimal("")
            .Replace("\nP1;", "\nQ1;", StringComparison.Ordinal)
            .Replace("\nP2;", "\nQ2;", StringComparison.Ordinal)
            .Replace("\nP3;", "\nQ3;", StringComparison.Ordinal);

        var pools = ImportText(PabulibParserTests.Minimal("") + second).Edition.Pools;

        Assert.Equal(["city", "city-2"], pools.Select(p => p.Id));
    }

    private static PabulibImportResult Import(string text) => ImportText(text);

    private static PabulibImportResult ImportText(string text) =>
        PabulibImport.ToEdition(PabulibParser.Parse(text), "zabrze-2021", OpensAt, ClosesAt);
}
