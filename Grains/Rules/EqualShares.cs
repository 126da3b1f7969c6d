using Voting.Editions;
using Voting.Results;

namespace Voting.Grains.Rules;

/// <summary>
/// The Method of Equal Shares (Peters, Pierczyński, Skowron 2021) as API.md states it, in exact arithmetic:
/// every voter starts with budget/n; a supporter's utility is the project's cost (approval, knapsack) or the
/// pick's points (ordinal, cumulative); each round the affordable project with the smallest ρ wins (ties: more
/// supporters, cheaper, project id) and its supporters pay min(money, ρ·utility). Completion "Add1" raises the
/// per-voter budget by 1 while the outcome leaves fundable money and still fits the pool budget, keeping the last
/// outcome that fits; money still left is then filled greedily in <see cref="GreedyRank"/> order.
/// Projects below the pool's minimum votes never win. Results are listed in greedy rank order.
/// </summary>
public static class EqualShares
{
    public static PoolResult Allocate(Pool pool, IReadOnlyCollection<ProjectTally> tallies, IReadOnlyList<IReadOnlyList<ScoredPick>> ballots) =>
        Allocate(pool, tallies, ballots, jump: true).Result;

    /// <summary>
    /// The allocation, the Add1 step reached and the number of runs. With <paramref name="jump"/> the Add1 loop
    /// skips the steps at which a run would provably repeat the previous one; without it, it steps by 1.
    /// </summary>
    internal static (PoolResult Result, long Step, int Runs) Allocate(Pool pool, IReadOnlyCollection<ProjectTally> tallies,
        IReadOnlyList<IReadOnlyList<ScoredPick>> ballots, bool jump)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var ranked = GreedyRank.Rank(pool, tallies);
        var instance = EqualSharesInstance.Build(pool, ranked, ballots);
        var selected = new HashSet<string>(StringComparer.Ordinal);
        long spent = 0;
        long step = 0;
        var runs = 0;
        if (instance.VoterCount > 0 && instance.Candidates.Length > 0)
        {
            var (winners, next) = EqualSharesRun.Execute(instance, 0);
            runs++;
            while (next != long.MaxValue
                && winners.Count < instance.Candidates.Length
                && LeavesFundableMoney(pool, ranked, instance, winners))
            {
                var nextStep = jump ? next : step + 1;
                var (candidate, candidateNext) = EqualSharesRun.Execute(instance, nextStep);
                runs++;
                if (Cost(instance, candidate) > pool.Budget)
                {
                    // Every step before nextStep repeats the kept outcome, so the last step that fits is nextStep - 1.
                    step = nextStep - 1;
                    break;
                }
                (winners, next, step) = (candidate, candidateNext, nextStep);
            }
            foreach (var winner in winners)
            {
                selected.Add(instance.ProjectIds[winner]);
            }
            spent = Cost(instance, winners);
        }
        spent = GreedyAllocation.Fill(pool, ranked, selected, spent);
        return (GreedyAllocation.ToResult(pool, ranked, selected, spent), step, runs);
    }

    private static long Cost(EqualSharesInstance instance, List<int> winners) => winners.Sum(w => instance.Costs[w]);

    /// <summary>Whether some unselected project with enough votes still fits the money left.</summary>
    private static bool LeavesFundableMoney(Pool pool, List<ProjectTally> ranked, EqualSharesInstance instance, List<int> winners)
    {
        var left = pool.Budget - Cost(instance, winners);
        var chosen = winners.Select(w => instance.ProjectIds[w]).ToHashSet(StringComparer.Ordinal);
        return ranked.Any(t => !chosen.Contains(t.ProjectId) && t.Votes >= pool.MinVotesToWin && t.Cost <= left);
    }
}
