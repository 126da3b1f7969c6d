using Voting.Editions;
using Voting.Grains.Pabulib;
using Voting.Results;
using Xunit;

namespace Voting.Grains.Tests.Pabulib;

public sealed class PabulibExportTests
{
    private static readonly DateTimeOffset OpensAt = new(2026, 9, 19, 0, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset ClosesAt = new(2026, 10, 3, 23, 59, 59, TimeSpan.FromHours(2));

    public static TheoryData<string> SharedFiles => SharedPabulibFiles.All;

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void Write_SharedFile_RoundTripKeepsPoolsProjectsRulesAndBallots(string file)
    {
        var original = Import(SharedPabulibFiles.Read(file));
        var (results, ballots) = ResultsAndBallots(original);

        var again = Import(PabulibExport.Write(original.Edition, results, ballots));

        Assert.Equal(original.Edition.Name, again.Edition.Name);
        Assert.Equal(original.Edition.Pools.Count, again.Edition.Pools.Count);
        foreach (var (before, after) in original.Edition.Pools.Zip(again.Edition.Pools))
        {
            AssertSamePool(before, after);
        }
        Assert.Equal(ballots.Count, again.Ballots.Count);
        var byNumber = again.Ballots.ToDictionary(b => b.VoterId, b => b.Selections);
        foreach (var ballot in ballots)
        {
            Assert.Equal(ballot.Selections, byNumber[ballot.VoterNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        var tally = PabulibTally.Count(original.Edition, original.Ballots);
        Assert.All(again.Projects, f =>
        {
            Assert.Equal(tally[f.ProjectId].Votes, f.Votes);
            Assert.Equal(tally[f.ProjectId].Score, f.Score);
            Assert.Equal(f.ProjectId.GetHashCode(StringComparison.Ordinal) % 2 == 0, f.Selected);
        });
    }

    [Fact]
    public void Write_Zabrze_DistrictMetaAndVoteCounts()
    {
        var original = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Zabrze));
        var (results, ballots) = ResultsAndBallots(original);

        var doc = PabulibParser.Parse(PabulibExport.Write(original.Edition, results, ballots, "Zabrze"));

        Assert.Equal(19, doc.Sections.Count);
        var city = doc.Sections[0];
        Assert.Null(city.MetaValue("district"));
        Assert.Equal("7784", city.MetaValue("num_votes"));
        Assert.Equal("Zabrze", city.MetaValue("unit"));
        Assert.Equal("2026", city.MetaValue("instance"));
        Assert.Equal("19.09.2026", city.MetaValue("date_begin"));
        var biskupice = doc.Sections[1];
        Assert.Equal("Biskupice", biskupice.MetaValue("district"));
        Assert.Equal("933", biskupice.MetaValue("num_votes"));
        Assert.Equal("5", biskupice.MetaValue("num_projects"));
        Assert.Equal("1", biskupice.MetaValue("max_length"));
        Assert.Equal(["voter_id", "vote"], biskupice.VoteColumns);
        Assert.Equal(["project_id", "cost", "votes", "score", "name", "selected"], biskupice.ProjectColumns);
        Assert.All(doc.Sections, s => Assert.Equal(int.Parse(s.MetaValue("num_votes")!, System.Globalization.CultureInfo.InvariantCulture), s.Votes.Count));
    }

    [Fact]
    public void Write_OrdinalPool_PointsColumnFromRank()
    {
        var original = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Krakow));
        var (results, ballots) = ResultsAndBallots(original);

        var section = PabulibParser.Parse(PabulibExport.Write(original.Edition, results, ballots)).Sections[0];

        Assert.Equal(["voter_id", "vote", "points"], section.VoteColumns);
        Assert.All(section.Votes, v => Assert.Equal("3,2,1", v["points"]));
        Assert.Equal("ordinal", section.MetaValue("vote_type"));
        Assert.Equal("3", section.MetaValue("min_length"));
    }

    [Fact]
    public void Write_AwkwardTitlesAndEqualShares_RoundTrip()
    {
        var edition = new Edition
        {
            Id = "e",
            Name = "Budżet; \"Obywatelski\"",
            VotingOpensAt = OpensAt,
            VotingClosesAt = ClosesAt,
            Pools =
            [
                new Pool
                {
                    Id = "city",
                    Name = "Ogólnomiejski",
                    Budget = 1000,
                    Method = AllocationMethod.EqualShares,
                    Ballot = new BallotSpec { Type = BallotType.Knapsack, MinSpendPercent = 50 },
                    Projects =
                    [
                        new Project { Id = "a", Title = "Park; \"zielony\"\netap 2", Cost = 600 },
                        new Project { Id = "b", Title = "Ławki, kosze", Cost = 400 },
                    ],
                },
            ],
        };
        var results = new EditionResults("e", ResultsStatus.Final, 1, [new PoolResult("city", 1000, AllocationMethod.EqualShares, 1000,
            [new ProjectResult("a", 600, 1, 1, true), new ProjectResult("b", 400, 1, 1, true)])]);
        ExportBallot[] ballots = [new(1, [new Selection("b"), new Selection("a")])];

        var again = Import(PabulibExport.Write(edition, results, ballots));

        AssertSamePool(edition.Pools[0], Assert.Single(again.Edition.Pools));
        Assert.Equal(edition.Name, again.Edition.Name);
        Assert.Equal(ballots[0].Selections, Assert.Single(again.Ballots).Selections);
    }

    [Fact]
    public void WriteProjects_Results_RankOrderWithHeader()
    {
        var original = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Zabrze));
        var (results, _) = ResultsAndBallots(original);

        var lines = OpenDataCsv.WriteProjects(original.Edition, results).Split("\r\n");

        Assert.Equal("pool_id,pool_name,pool_kind,district,budget,method,rank,project_id,title,cost,votes,score,selected", lines[0]);
        Assert.Equal(original.Projects.Count + 2, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.StartsWith("city,Municipal PB in Zabrze,city,,500000,greedy,1,P0065,", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("biskupice,Biskupice,district,Biskupice,300000,greedy,1,P0070,", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteBallots_Ordinal_OneRowPerPickWithPoints()
    {
        var original = Import(SharedPabulibFiles.Read(SharedPabulibFiles.Krakow));
        var (_, ballots) = ResultsAndBallots(original);

        var lines = OpenDataCsv.WriteBallots(original.Edition, ballots).Split("\r\n");

        Assert.Equal("voter_number,pool_id,project_id,position,points", lines[0]);
        Assert.Equal((1094 * 3) + 2, lines.Length);
        var first = ballots[0].Selections;
        Assert.Equal($"1,bienczyce,{first[0].ProjectId},1,3", lines[1]);
        Assert.Equal($"1,bienczyce,{first[2].ProjectId},3,1", lines[3]);
    }

    [Fact]
    public void WriteProjects_QuotesCommasAndQuotes()
    {
        var edition = new Edition
        {
            Id = "e",
            Name = "E",
            VotingOpensAt = OpensAt,
            VotingClosesAt = ClosesAt,
            Pools =
            [
                new Pool
                {
                    Id = "city",
                    Budget = 10,
                    Ballot = new BallotSpec { Type = BallotType.Approval },
                    Projects = [new Project { Id = "x", Title = "a, \"b\"", Cost = 5 }],
                },
            ],
        };
        var results = new EditionResults("e", ResultsStatus.Final, 0, []);

        var lines = OpenDataCsv.WriteProjects(edition, results).Split("\r\n");

        Assert.Equal("city,,city,,10,greedy,1,x,\"a, \"\"b\"\"\",5,0,0,false", lines[1]);
    }

    /// <summary>Results from the tally of the imported ballots; "selected" is an arbitrary but fixed pattern.</summary>
    private static (EditionResults Results, List<ExportBallot> Ballots) ResultsAndBallots(PabulibImportResult import)
    {
        var tally = PabulibTally.Count(import.Edition, import.Ballots);
        var pools = import.Edition.Pools.Select(pool => new PoolResult(pool.Id, pool.Budget, pool.Method, 0,
            pool.Projects
                .Select(p => new ProjectResult(p.Id, p.Cost, tally[p.Id].Votes, tally[p.Id].Score,
                    p.Id.GetHashCode(StringComparison.Ordinal) % 2 == 0))
                .OrderByDescending(r => r.Score).ThenByDescending(r => r.Votes).ThenBy(r => r.Cost)
                .ThenBy(r => r.ProjectId, StringComparer.Ordinal)
                .ToList())).ToList();
        var results = new EditionResults(import.Edition.Id, ResultsStatus.Final, import.Ballots.Count, pools);
        var ballots = import.Ballots.Select((b, i) => new ExportBallot(i + 1, b.Selections)).ToList();
        return (results, ballots);
    }

    private static void AssertSamePool(Pool before, Pool after)
    {
        Assert.Equal(
            (before.Id, before.Name, before.Kind, before.District, before.Budget, before.Method),
            (after.Id, after.Name, after.Kind, after.District, after.Budget, after.Method));
        Assert.Equal(before.Ballot with { Points = null }, after.Ballot with { Points = null });
        Assert.Equal(before.Ballot.Points ?? [], after.Ballot.Points ?? []);
        Assert.Equal(
            before.Projects.Select(p => (p.Id, p.Title, p.Cost)),
            after.Projects.Select(p => (p.Id, p.Title, p.Cost)));
    }

    private static PabulibImportResult Import(string text) =>
        PabulibImport.ToEdition(PabulibParser.Parse(text), "round-trip", OpensAt, ClosesAt);
}
