using Voting.Editions;
using Voting.Results;

namespace Voting.Grains.Rules;

/// <summary>
/// The greedy rule (API.md): walk the <see cref="GreedyRank"/> ranking and select a project when
/// it has at least <see cref="Pool.MinVotesToWin"/> votes and its cost fits the money left; never stop early.
/// </summary>
public static class GreedyAllocation
{
    public static PoolResult Allocate(Pool pool, IReadOnlyCollection<ProjectTally> tallies)
    {
        var ranked = GreedyRank.Rank(pool, tallies);
        var selected = new HashSet<string>(StringComparer.Ordinal);
        var spent = Fill(pool, ranked, selected, 0);
        return ToResult(pool, ranked, selected, spent);
    }

    /// <summary>Adds to <paramref name="selected"/> every project that fits, in rank order; returns the new total spent.</summary>
    internal static long Fill(Pool pool, List<ProjectTally> ranked, HashSet<string> selected, long spent)
    {
        foreach (var tally in ranked)
        {
            if (selected.Contains(tally.ProjectId) || tally.Votes < pool.MinVotesToWin)
            {
                continue;
            }
            if (tally.Cost <= pool.Budget - spent)
            {
                selected.Add(tally.ProjectId);
                spent += tally.Cost;
            }
        }
        return spent;
    }

    internal static PoolResult ToResult(Pool pool, List<ProjectTally> ranked, HashSet<string> selected, long spent)
    {
        var projects = ranked
            .Select(t => new ProjectResult(t.ProjectId, t.Cost, t.Votes, t.Score, selected.Contains(t.ProjectId)))
            .ToList();
        return new PoolResult(pool.Id, pool.Budget, pool.Method, spent, projects);
    }
}
