using System.Globalization;
using Voting.Grains.Pabulib;
using Xunit;

namespace Voting.Grains.Tests.Pabulib;

public sealed class PabulibParserTests
{
    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void Parse_SharedFile_CountsMatchMetaExceptKnownGaps(string file)
    {
        var doc = PabulibParser.Parse(SharedPabulibFiles.Read(file));

        foreach (var section in doc.Sections)
        {
            var district = section.MetaValue("district") ?? "city";
            var (projectGap, voteGap) = KnownGaps(file, district);
            Assert.Equal(Meta(section, "num_projects") - projectGap, section.Projects.Count);
            Assert.Equal(Meta(section, "num_votes") - voteGap, section.Votes.Count);
        }
    }

    public static TheoryData<string> SharedFiles => SharedPabulibFiles.All;

    [Fact]
    public void Parse_Zabrze_NineteenSectionsCityFirst()
    {
        var doc = PabulibParser.Parse(SharedPabulibFiles.Read(SharedPabulibFiles.Zabrze));

        Assert.Equal(19, doc.Sections.Count);
        Assert.Null(doc.Sections[0].MetaValue("district"));
        Assert.All(doc.Sections.Skip(1), s => Assert.NotNull(s.MetaValue("district")));
        Assert.Equal(["voter_id", "vote", "district"], doc.Sections[0].VoteColumns);
        Assert.Equal(7813, doc.Sections[1].Line);
    }

    [Fact]
    public void Parse_MetaAndColumns_KeepFileOrder()
    {
        var doc = PabulibParser.Parse(SharedPabulibFiles.Read(SharedPabulibFiles.Warszawa));

        var section = Assert.Single(doc.Sections);
        Assert.Equal("description", section.Meta.Keys.First());
        Assert.Equal("edition", section.Meta.Keys.Last());
        Assert.Equal(["project_id", "cost", "category", "votes", "name", "target", "selected"], section.ProjectColumns);
        Assert.Equal(section.ProjectColumns, section.Projects[0].Columns);
        Assert.Equal("197", section.Projects[0]["project_id"]);
    }

    [Fact]
    public void Parse_BomCrLfBlankLinesAndQuotes_Tolerated()
    {
        var text = "\uFEFFMETA\r\nkey;value\r\n\r\ndescription;\"A; quoted \"\"name\"\"\"\r\nbudget;100.0\r\n"
            + "vote_type;approval\r\nPROJECTS\r\nproject_id;cost;name\r\n"
            + "1;40.0;\"semi;colon\"\r\n2;60;\"two\r\nlines\"\r\n\r\nVOTES\r\nvoter_id;vote\r\nv1;\"1,2\"\r\n";

        var section = Assert.Single(PabulibParser.Parse(text).Sections);

        Assert.Equal("A; quoted \"name\"", section.Meta["description"]);
        Assert.Equal("semi;colon", section.Projects[0]["name"]);
        Assert.Equal("two\r\nlines", section.Projects[1]["name"]);
        Assert.Equal("1,2", Assert.Single(section.Votes)["vote"]);
        Assert.Equal(15, section.Votes[0].Line);
    }

    [Fact]
    public void Parse_NoVotesSection_EmptyVotes()
    {
        var section = Assert.Single(PabulibParser.Parse(Minimal("")).Sections);

        Assert.Empty(section.Votes);
        Assert.Empty(section.VoteColumns);
    }

    [Theory]
    [InlineData("", "no META")]
    [InlineData("PROJECTS\nproject_id;cost\n1;10\n", "Line 1: the file must start with a META")]
    [InlineData("META\nkey;value\nbudget;10\n", "Line 1: this section has no PROJECTS")]
    [InlineData("META\nkey;value\nbudget;10;extra\n", "Line 3: a META row needs 2 values")]
    [InlineData("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;10;x\n", "Line 6: a PROJECTS row has 3 values")]
    [InlineData("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;10\n1;20\n", "Line 7: project id '1' is already used on line 6")]
    [InlineData("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote\na;1,9\n", "Line 9: voter 'a' votes for project '9'")]
    [InlineData("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote\na;1\na;1\n", "Line 10: voter 'a' already voted")]
    [InlineData("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote;points\na;1;2,1\n", "Line 9: voter 'a' has 1 projects but 2 points")]
    [InlineData("META\nkey;value\nbudget;10\nPROJECTS\nid;cost\n1;10\n", "Line 5: the PROJECTS header lacks the required column 'project_id'")]
    [InlineData("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n\"1;10\n", "Line 6: a quoted value is never closed")]
    [InlineData("META\nkey;value\nbudget;10\nVOTES\nvoter_id;vote\n", "Line 4: VOTES must follow PROJECTS")]
    public void Parse_MalformedInput_ThrowsWithLine(string text, string expected)
    {
        var error = Assert.Throws<PabulibFormatException>(() => PabulibParser.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateProjectIdAcrossSections_Throws()
    {
        var text = Minimal("") + Minimal("");

        var error = Assert.Throws<PabulibFormatException>(() => PabulibParser.Parse(text));

        Assert.Contains("project id 'P1' is already used", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("10.5")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("100000000000000000")]
    public void Parse_CostNotAPositiveBoundedInteger_IsAnInvalidEditionNamingCost(string cost)
    {
        var error = Assert.Throws<PabulibInvalidException>(() => PabulibParser.Parse("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;" + cost + "\n"));

        Assert.Equal("cost", error.Key);
        Assert.StartsWith("Line 6: cost:", error.Message, StringComparison.Ordinal);
    }

    internal static string Minimal(string votes, string voteType = "approval", string extraMeta = "") =>
        "META\nkey;value\ndescription;Test PB\nbudget;100\nvote_type;" + voteType + "\n" + extraMeta
        + "PROJECTS\nproject_id;cost;name\nP1;40;One\nP2;60;Two\nP3;30;Three\n" + votes;

    /// <summary>The shared files state more projects or votes in META than they list (checked by hand).</summary>
    private static (int Projects, int Votes) KnownGaps(string file, string district) => (file, district) switch
    {
        (SharedPabulibFiles.Gdansk, _) => (1, 1),
        (SharedPabulibFiles.Warszawa, _) => (0, 1),
        (SharedPabulibFiles.Zabrze, "city") => (0, 1),
        _ => (0, 0),
    };

    private static int Meta(PabulibSection section, string key) =>
        int.Parse(section.Meta[key], CultureInfo.InvariantCulture);
}
