using Voting.Results;

namespace Voting.Grains.Rules;

/// <summary>The greedy rank order (API.md): score desc, votes desc, cost asc, then project id (ordinal).</summary>
public sealed class GreedyRank : IComparer<ProjectTally>
{
    public static GreedyRank Instance { get; } = new();

    private GreedyRank()
    {
    }

    public int Compare(ProjectTally? x, ProjectTally? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        var byScore = y.Score.CompareTo(x.Score);
        if (byScore != 0)
        {
            return byScore;
        }
        var byVotes = y.Votes.CompareTo(x.Votes);
        if (byVotes != 0)
        {
            return byVotes;
        }
        var byCost = x.Cost.CompareTo(y.Cost);
        return byCost != 0 ? byCost : string.CompareOrdinal(x.ProjectId, y.ProjectId);
    }

    /// <summary>
    /// One tally per project of the pool, in rank order: a missing tally counts as 0 votes and 0 score,
    /// and the cost always comes from the pool.
    /// </summary>
    public static List<ProjectTally> Rank(Voting.Editions.Pool pool, IReadOnlyCollection<ProjectTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(tallies);
        var byId = new Dictionary<string, ProjectTally>(StringComparer.Ordinal);
        foreach (var tally in tallies)
        {
            byId[tally.ProjectId] = tally;
        }
        var ranked = new List<ProjectTally>(pool.Projects.Count);
        foreach (var project in pool.Projects)
        {
            ranked.Add(byId.TryGetValue(project.Id, out var tally)
                ? tally with { Cost = project.Cost }
                : new ProjectTally(project.Id, project.Cost, 0, 0));
        }
        ranked.Sort(Instance);
        return ranked;
    }
}
