using Voting.Editions;
using Voting.Results;

namespace Voting.Grains.Rules;

/// <summary>One pool's Equal Shares input in array form: voters, supporters with utilities, and the projects that may win.</summary>
internal sealed class EqualSharesInstance
{
    private EqualSharesInstance(long budget, int voterCount, string[] projectIds, long[] costs,
        int[][] supporters, long[][] utilities, int[] candidates)
    {
        Budget = budget;
        VoterCount = voterCount;
        ProjectIds = projectIds;
        Costs = costs;
        Supporters = supporters;
        Utilities = utilities;
        Candidates = candidates;
    }

    public long Budget { get; }

    /// <summary>Ballots with at least one pick in this pool.</summary>
    public int VoterCount { get; }

    public string[] ProjectIds { get; }
    public long[] Costs { get; }

    /// <summary>Per project: the voters with a positive utility for it, and those utilities (same order).</summary>
    public int[][] Supporters { get; }
    public long[][] Utilities { get; }

    /// <summary>Projects with supporters and at least the pool's minimum votes.</summary>
    public int[] Candidates { get; }

    public static EqualSharesInstance Build(Pool pool, List<ProjectTally> ranked, IReadOnlyList<IReadOnlyList<ScoredPick>> ballots)
    {
        ArgumentNullException.ThrowIfNull(ballots);
        var projectCount = pool.Projects.Count;
        var index = new Dictionary<string, int>(projectCount, StringComparer.Ordinal);
        var costs = new long[projectCount];
        var projectIds = new string[projectCount];
        for (var p = 0; p < projectCount; p++)
        {
            index.TryAdd(pool.Projects[p].Id, p);
            costs[p] = pool.Projects[p].Cost;
            projectIds[p] = pool.Projects[p].Id;
        }

        var costUtility = pool.Ballot.Type is BallotType.Approval or BallotType.Knapsack;
        var supporters = new List<int>[projectCount];
        var utilities = new List<long>[projectCount];
        for (var p = 0; p < projectCount; p++)
        {
            supporters[p] = [];
            utilities[p] = [];
        }

        var voterCount = 0;
        var seen = new HashSet<int>();
        foreach (var ballot in ballots)
        {
            seen.Clear();
            foreach (var pick in ballot)
            {
                if (pick.PoolId != pool.Id || !index.TryGetValue(pick.ProjectId, out var p) || !seen.Add(p))
                {
                    continue;
                }
                var utility = costUtility ? costs[p] : pick.Points;
                if (utility > 0)
                {
                    supporters[p].Add(voterCount);
                    utilities[p].Add(utility);
                }
            }
            if (seen.Count > 0)
            {
                voterCount++;
            }
        }

        var votes = ranked.ToDictionary(t => t.ProjectId, t => t.Votes, StringComparer.Ordinal);
        var candidates = Enumerable.Range(0, projectCount)
            .Where(p => supporters[p].Count > 0 && votes[projectIds[p]] >= pool.MinVotesToWin)
            .ToArray();
        return new EqualSharesInstance(pool.Budget, voterCount, projectIds, costs,
            [.. supporters.Select(s => s.ToArray())], [.. utilities.Select(u => u.ToArray())], candidates);
    }
}
