using Voting.Editions;
using Voting.Grains.Rules;
using Voting.Grains.Storage;
using Voting.Results;
using Voting.Storage;

namespace Voting.Grains.Editions;

/// <summary>
/// Tallies as sharded counters: each ballot adds to counters in its voter's shard, so no
/// single row sits on the path of every vote; reads sum the shards.
/// </summary>
public static class Tally
{
    public const string BallotsCounter = "ballots";

    /// <summary>
    /// Grows with every change of the tallies (any sign): results computed at one value of its
    /// sum stay right until the sum moves (two changes that cancel in every other counter still move it).
    /// </summary>
    public const string ChangesCounter = "changes";

    public static string VotesCounter(string projectId) => "votes:" + projectId;

    public static string ScoreCounter(string projectId) => "score:" + projectId;

    /// <summary>The counter writes that add (sign +1) or remove (sign -1) one valid ballot.</summary>
    public static IEnumerable<WriteOp> Ops(Edition edition, IReadOnlyList<Selection> selections, int sign)
    {
        var scope = Tables.EditionCounters(edition.Id);
        yield return new AddToCounter(scope, BallotsCounter, sign);
        yield return new AddToCounter(scope, ChangesCounter, 1);
        foreach (var pick in BallotScoring.Score(edition, selections))
        {
            yield return new AddToCounter(scope, VotesCounter(pick.ProjectId), sign);
            yield return new AddToCounter(scope, ScoreCounter(pick.ProjectId), sign * pick.Points);
        }
    }

    /// <summary>The tallies of one pool from summed counters.</summary>
    public static IReadOnlyList<ProjectTally> OfPool(Pool pool, IReadOnlyDictionary<string, long> sums) =>
        pool.Projects.Select(p => new ProjectTally(p.Id, p.Cost, sums.GetValueOrDefault(VotesCounter(p.Id)), sums.GetValueOrDefault(ScoreCounter(p.Id)))).ToList();
}
