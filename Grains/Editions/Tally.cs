using Voting.Editions;
using Voting.Grains.Rules;
using Voting.Grains.Storage;
using Voting.Projects;
using Voting.Results;
using Voting.Storage;
using Voting.Voters;

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

    /// <summary>Turnout counters: ballots touching a pool, ballots cast in an hour (UTC), ballots per channel.</summary>
    public const string PoolBallotsPrefix = "pool-ballots:";
    public const string HourPrefix = "hour:";
    public const string ChannelPrefix = "channel:";

    public static string PoolBallotsCounter(string poolId) => PoolBallotsPrefix + poolId;

    public static string HourCounter(DateTimeOffset castAt) =>
        HourPrefix + castAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture);

    public static string ChannelCounter(string channel) => ChannelPrefix + channel;

    /// <summary>The counter writes that add (sign +1) or remove (sign -1) one valid ballot, turnout counters included.</summary>
    public static List<WriteOp> Ops(Edition edition, StoredBallot ballot, int sign)
    {
        var names = TallyNames.Of(edition);
        var scope = names.Scope;
        var picks = BallotScoring.Score(edition, ballot.Selections);
        var ops = new List<WriteOp>(4 + (3 * picks.Count))
        {
            new AddToCounter(scope, BallotsCounter, sign),
            new AddToCounter(scope, ChangesCounter, 1),
            new AddToCounter(scope, TallyNames.Hour(ballot.CastAt), sign),
            new AddToCounter(scope, TallyNames.Channel(ballot.Channel), sign),
        };
        for (var i = 0; i < picks.Count; i++)
        {
            var pick = picks[i];
            if (!HasPoolBefore(picks, i))
            {
                ops.Add(new AddToCounter(scope, names.PoolBallots(pick.PoolId), sign));
            }
            ops.Add(new AddToCounter(scope, names.Votes(pick.ProjectId), sign));
            ops.Add(new AddToCounter(scope, names.Score(pick.ProjectId), sign * pick.Points));
        }
        return ops;
    }

    /// <summary>Whether a pick before <paramref name="index"/> is in the same pool (a pool's ballot is counted once).</summary>
    private static bool HasPoolBefore(IReadOnlyList<ScoredPick> picks, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (picks[i].PoolId == picks[index].PoolId)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Turnout from summed counters.</summary>
    public static Turnout TurnoutOf(Edition edition, IReadOnlyDictionary<string, long> sums)
    {
        var byPool = edition.Pools.Select(p => new PoolTurnout(p.Id, sums.GetValueOrDefault(PoolBallotsCounter(p.Id)))).ToList();
        var byHour = sums
            .Where(s => s.Key.StartsWith(HourPrefix, StringComparison.Ordinal) && s.Value != 0)
            .Select(s => new HourTurnout(DateTimeOffset.ParseExact(s.Key[HourPrefix.Length..] + ":00:00+00:00", "yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), s.Value))
            .OrderBy(h => h.Hour)
            .ToList();
        var channels = new ChannelTurnout(sums.GetValueOrDefault(ChannelCounter(BallotChannel.Online)), sums.GetValueOrDefault(ChannelCounter(BallotChannel.Paper)));
        return new Turnout(sums.GetValueOrDefault(BallotsCounter), byPool, byHour, channels);
    }

    /// <summary>The tallies of one pool from summed counters.</summary>
    public static IReadOnlyList<ProjectTally> OfPool(Pool pool, IReadOnlyDictionary<string, long> sums) =>
        pool.Projects.Select(p => new ProjectTally(p.Id, p.Cost, sums.GetValueOrDefault(VotesCounter(p.Id)), sums.GetValueOrDefault(ScoreCounter(p.Id)))).ToList();
}
