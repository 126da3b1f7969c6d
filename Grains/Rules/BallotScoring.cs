using Voting.Editions;

namespace Voting.Grains.Rules;

/// <summary>Turns a valid ballot into scored picks: approval and knapsack 1 point, ordinal by rank in its pool, cumulative as given.</summary>
public static class BallotScoring
{
    public static IReadOnlyList<ScoredPick> Score(Edition edition, IReadOnlyList<Selection> selections)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(selections);

        var picks = new List<ScoredPick>(selections.Count);
        var rankInPool = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < selections.Count; s++)
        {
            var selection = selections[s];
            var pool = edition.FindPoolOfProject(selection.ProjectId);
            if (pool is null)
            {
                continue;
            }
            long points = pool.Ballot.Type switch
            {
                BallotType.Ordinal => OrdinalPoints(pool, rankInPool),
                BallotType.Cumulative => selection.Points ?? 0,
                _ => 1,
            };
            picks.Add(new ScoredPick(pool.Id, selection.ProjectId, points));
        }
        return picks;
    }

    private static long OrdinalPoints(Pool pool, Dictionary<string, int> rankInPool)
    {
        rankInPool.TryGetValue(pool.Id, out var rank);
        rankInPool[pool.Id] = rank + 1;
        var points = pool.Ballot.Points;
        return points is not null && rank < points.Count ? points[rank] : 0;
    }
}
