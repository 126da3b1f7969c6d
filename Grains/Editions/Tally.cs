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
    public static IEnumerable<WriteOp> Ops(Edition edition, StoredBallot ballot, int sign)
    {
        var scope = Tables.EditionCounters(edition.Id);
        yield return new AddToCounter(scope, BallotsCounter, sign);
        yield return new AddToCounter(scope, ChangesCounter, 1);
        yield return new AddToCounter(scope, HourCounter(ballot.CastAt), sign);
        yield return new AddToCounter(scope, ChannelCounter(ballot.Channel), sign);
        var pools = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pick in BallotScoring.Score(edition, ballot.Selections))
        {
            if (pools.Add(pick.PoolId))
            {
                yield return new AddToCounter(scope, PoolBallotsCounter(pick.PoolId), sign);
            }
            yield return new AddToCounter(scope, VotesCounter(pick.ProjectId), sign);
            yield return new AddToCounter(scope, ScoreCounter(pick.ProjectId), sign * pick.Points);
        }
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
