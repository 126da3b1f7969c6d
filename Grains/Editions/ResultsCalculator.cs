using Voting.Editions;
using Voting.Grains.Rules;
using Voting.Grains.Storage;
using Voting.Results;

namespace Voting.Grains.Editions;

/// <summary>Results of every pool by its method, from the summed tallies (and ballots for equal shares).</summary>
public static class ResultsCalculator
{
    public static EditionResults Compute(Edition edition, IReadOnlyDictionary<string, long> sums, IReadOnlyList<StoredBallot> ballots)
    {
        var pools = new List<PoolResult>(edition.Pools.Count);
        foreach (var pool in edition.Pools)
        {
            var tallies = Tally.OfPool(pool, sums);
            pools.Add(pool.Method == AllocationMethod.EqualShares
                ? EqualShares.Allocate(pool, tallies, PicksOf(edition, pool, ballots))
                : GreedyAllocation.Allocate(pool, tallies));
        }
        var status = edition.Phase == EditionPhase.Final ? ResultsStatus.Final : ResultsStatus.Provisional;
        return new EditionResults(edition.Id, status, sums.GetValueOrDefault(Tally.BallotsCounter), pools);
    }

    private static List<IReadOnlyList<ScoredPick>> PicksOf(Edition edition, Pool pool, IReadOnlyList<StoredBallot> ballots)
    {
        var picks = new List<IReadOnlyList<ScoredPick>>();
        foreach (var ballot in ballots)
        {
            var inPool = BallotScoring.Score(edition, ballot.Selections).Where(p => p.PoolId == pool.Id).ToList();
            if (inPool.Count > 0)
            {
                picks.Add(inPool);
            }
        }
        return picks;
    }
}
