using Voting.Editions;
using Voting.Grains.Pabulib;

namespace Voting.Grains.Tests.Pabulib;

/// <summary>Counts votes and points per project from imported ballots (ordinal points by rank within the pool).</summary>
internal static class PabulibTally
{
    public static Dictionary<string, (long Votes, long Score)> Count(Edition edition, IEnumerable<PabulibBallot> ballots)
    {
        var tally = edition.Pools.SelectMany(p => p.Projects).ToDictionary(p => p.Id, _ => (Votes: 0L, Score: 0L));
        foreach (var ballot in ballots)
        {
            foreach (var group in ballot.Selections.GroupBy(s => edition.FindPoolOfProject(s.ProjectId)!))
            {
                var rank = 0;
                foreach (var selection in group)
                {
                    var points = group.Key.Ballot.Type switch
                    {
                        BallotType.Ordinal => group.Key.Ballot.Points![rank],
                        BallotType.Cumulative => selection.Points!.Value,
                        _ => 1,
                    };
                    rank++;
                    var (votes, score) = tally[selection.ProjectId];
                    tally[selection.ProjectId] = (votes + 1, score + points);
                }
            }
        }
        return tally;
    }
}
