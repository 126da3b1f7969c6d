using System.Globalization;
using Voting.Editions;
using Voting.Results;

namespace Voting.Grains.Pabulib;

/// <summary>Writes an edition, its results and its anonymised ballots as a pabulib file, one section per pool.</summary>
public static class PabulibExport
{
    private const string NewLine = "\n";

    /// <summary>The pabulib text; <paramref name="unit"/> (the city) defaults to the edition name.</summary>
    public static string Write(
        Edition edition, EditionResults results, IEnumerable<ExportBallot> ballots, string? unit = null)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(ballots);
        var allBallots = ballots.ToList();
        var text = new DelimitedText(';', NewLine);
        foreach (var pool in edition.Pools)
        {
            var votes = allBallots
                .Select(b => (b.VoterNumber, Picks: ExportPoints.InPool(pool, b)))
                .Where(b => b.Picks.Count > 0)
                .ToList();
            WriteMeta(text, edition, pool, votes.Count, unit ?? edition.Name);
            WriteProjects(text, pool, results.Pools.FirstOrDefault(r => r.PoolId == pool.Id));
            WriteVotes(text, pool, votes);
        }
        return text.ToString();
    }

    private static void WriteMeta(DelimitedText text, Edition edition, Pool pool, int numVotes, string unit)
    {
        text.Row("META").Row("key", "value")
            .Row(PabulibKeys.Description, edition.Name)
            .Row(PabulibKeys.Country, "Poland")
            .Row(PabulibKeys.Unit, unit);
        if (pool.Name.Length > 0)
        {
            text.Row(PabulibKeys.Subunit, pool.Name);
        }
        text.Row(PabulibKeys.Instance, Number(edition.VotingOpensAt.Year));
        if (pool.Kind == PoolKind.District)
        {
            text.Row(PabulibKeys.District, pool.DistrictName);
        }
        text.Row(PabulibKeys.PoolId, pool.Id)
            .Row(PabulibKeys.NumProjects, Number(pool.Projects.Count))
            .Row(PabulibKeys.NumVotes, Number(numVotes))
            .Row(PabulibKeys.Budget, Number(pool.Budget))
            .Row(PabulibKeys.VoteType, pool.Ballot.Type)
            .Row(PabulibKeys.Rule, pool.Method == AllocationMethod.EqualShares ? PabulibKeys.RuleEqualShares : PabulibKeys.RuleGreedy)
            .Row(PabulibKeys.DateBegin, Date(edition.VotingOpensAt))
            .Row(PabulibKeys.DateEnd, Date(edition.VotingClosesAt));
        var spec = pool.Ballot;
        Optional(text, PabulibKeys.MinLength, spec.MinSelections);
        Optional(text, PabulibKeys.MaxLength, spec.MaxSelections);
        Optional(text, PabulibKeys.MaxSumCost, spec.MaxTotalCost);
        Optional(text, PabulibKeys.MinSumPoints, spec.MinPoints);
        Optional(text, PabulibKeys.MaxSumPoints, spec.MaxPoints);
        Optional(text, PabulibKeys.MaxPoints, spec.MaxPointsPerProject);
        Optional(text, PabulibKeys.MinSpendPercent, spec.MinSpendPercent);
    }

    private static void WriteProjects(DelimitedText text, Pool pool, PoolResult? result)
    {
        text.Row("PROJECTS").Row("project_id", "cost", "votes", "score", "name", "selected");
        foreach (var project in pool.Projects)
        {
            var r = result?.Projects.FirstOrDefault(p => p.ProjectId == project.Id);
            text.Row(project.Id, Number(project.Cost), Number(r?.Votes ?? 0), Number(r?.Score ?? 0),
                project.Title, r?.Selected == true ? "1" : "0");
        }
    }

    private static void WriteVotes(DelimitedText text, Pool pool, List<(int VoterNumber, List<Selection> Picks)> votes)
    {
        var withPoints = pool.Ballot.Type is BallotType.Ordinal or BallotType.Cumulative;
        text.Row("VOTES");
        if (withPoints)
        {
            text.Row("voter_id", "vote", "points");
        }
        else
        {
            text.Row("voter_id", "vote");
        }
        foreach (var (voter, picks) in votes)
        {
            var vote = string.Join(",", picks.Select(s => s.ProjectId));
            if (withPoints)
            {
                var points = string.Join(",", picks.Select((s, rank) => Number(ExportPoints.Of(pool.Ballot, s, rank))));
                text.Row(Number(voter), vote, points);
            }
            else
            {
                text.Row(Number(voter), vote);
            }
        }
    }

    private static void Optional(DelimitedText text, string key, long? value)
    {
        if (value is { } v)
        {
            text.Row(key, Number(v));
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset value) => value.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
