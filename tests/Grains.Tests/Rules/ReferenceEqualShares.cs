using System.Numerics;
using Voting.Editions;
using Voting.Grains.Rules;
using Voting.Results;

namespace Voting.Grains.Tests.Rules;

/// <summary>
/// A deliberately plain Equal Shares, written straight from API.md for cross-checking: one exact fraction per
/// voter, every project re-evaluated every round, the Add1 loop stepping by 1. Small instances only.
/// </summary>
internal static class ReferenceEqualShares
{
    public static HashSet<string> Selected(Pool pool, IReadOnlyList<IReadOnlyList<ScoredPick>> ballots)
    {
        var tallies = Tallies(pool, ballots);
        var costUtility = pool.Ballot.Type is BallotType.Approval or BallotType.Knapsack;
        var voters = ballots
            .Select(b => b.Where(p => p.PoolId == pool.Id && pool.Projects.Any(x => x.Id == p.ProjectId))
                .DistinctBy(p => p.ProjectId).ToList())
            .Where(b => b.Count > 0)
            .Select(b => b.ToDictionary(p => p.ProjectId, p => costUtility ? pool.Projects.First(x => x.Id == p.ProjectId).Cost : p.Points))
            .Select(d => d.Where(kv => kv.Value > 0).ToDictionary())
            .ToList();
        var candidates = pool.Projects
            .Where(p => voters.Any(v => v.ContainsKey(p.Id)) && tallies.First(t => t.ProjectId == p.Id).Votes >= pool.MinVotesToWin)
            .ToList();

        var selected = new HashSet<string>();
        if (candidates.Count > 0)
        {
            var perVoter = new Fraction(pool.Budget, voters.Count);
            var outcome = Run(candidates, voters, perVoter);
            for (var step = 1; ; step++)
            {
                var left = pool.Budget - outcome.Sum(p => p.Cost);
                var fundable = tallies.Any(t => outcome.All(p => p.Id != t.ProjectId) && t.Votes >= pool.MinVotesToWin && t.Cost <= left);
                if (!fundable || outcome.Count == candidates.Count)
                {
                    break;
                }
                if (step > 100_000)
                {
                    throw new InvalidOperationException("The reference Add1 loop did not end.");
                }
                var next = Run(candidates, voters, perVoter + new Fraction(step, 1));
                if (next.Sum(p => p.Cost) > pool.Budget)
                {
                    break;
                }
                outcome = next;
            }
            selected.UnionWith(outcome.Select(p => p.Id));
        }

        var spent = pool.Projects.Where(p => selected.Contains(p.Id)).Sum(p => p.Cost);
        foreach (var tally in tallies.OrderBy(t => t, GreedyRank.Instance))
        {
            if (!selected.Contains(tally.ProjectId) && tally.Votes >= pool.MinVotesToWin && tally.Cost <= pool.Budget - spent)
            {
                selected.Add(tally.ProjectId);
                spent += tally.Cost;
            }
        }
        return selected;
    }

    public static List<ProjectTally> Tallies(Pool pool, IReadOnlyList<IReadOnlyList<ScoredPick>> ballots) =>
        [.. pool.Projects.Select(p =>
        {
            var picks = ballots.SelectMany(b => b).Where(x => x.PoolId == pool.Id && x.ProjectId == p.Id).ToList();
            return new ProjectTally(p.Id, p.Cost, picks.Count, picks.Sum(x => x.Points));
        })];

    private static List<Project> Run(List<Project> candidates, List<Dictionary<string, long>> voters, Fraction perVoter)
    {
        var money = voters.Select(_ => perVoter).ToArray();
        var remaining = new List<Project>(candidates);
        var winners = new List<Project>();
        while (true)
        {
            Project? best = null;
            Fraction bestRho = default;
            foreach (var project in remaining)
            {
                var supporters = Enumerable.Range(0, voters.Count).Where(i => voters[i].ContainsKey(project.Id)).ToList();
                var total = supporters.Aggregate(Fraction.Zero, (sum, i) => sum + money[i]);
                if (total < new Fraction(project.Cost, 1))
                {
                    continue;
                }
                // Find ρ by trying every supporter's money/utility and the uncapped split, smallest first.
                var rho = MinimalRho(project.Cost, supporters.Select(i => (money[i], voters[i][project.Id])).ToList());
                if (best is null || rho < bestRho || (rho == bestRho && Better(project, best, voters)))
                {
                    best = project;
                    bestRho = rho;
                }
            }
            if (best is null)
            {
                return winners;
            }
            for (var i = 0; i < voters.Count; i++)
            {
                if (voters[i].TryGetValue(best.Id, out var utility))
                {
                    var pay = bestRho * new Fraction(utility, 1);
                    money[i] = pay < money[i] ? money[i] - pay : Fraction.Zero;
                }
            }
            winners.Add(best);
            remaining.Remove(best);
        }
    }

    private static Fraction MinimalRho(long cost, List<(Fraction Money, long Utility)> supporters)
    {
        // Σ min(m, ρ·u) is increasing in ρ; the answer is (cost − Σ capped m) / Σ uncapped u for the right capped set.
        foreach (var (money, utility) in supporters.OrderBy(s => s.Money / new Fraction(s.Utility, 1)).Prepend((Fraction.Zero, 1)))
        {
            var threshold = money / new Fraction(utility, 1);
            var capped = supporters.Where(s => s.Money / new Fraction(s.Utility, 1) <= threshold).ToList();
            var free = supporters.Where(s => s.Money / new Fraction(s.Utility, 1) > threshold).ToList();
            if (free.Count == 0)
            {
                continue;
            }
            var rho = (new Fraction(cost, 1) - capped.Aggregate(Fraction.Zero, (s, x) => s + x.Money))
                / new Fraction(free.Sum(s => s.Utility), 1);
            var paid = supporters.Aggregate(Fraction.Zero, (s, x) => s + Fraction.Min(x.Money, rho * new Fraction(x.Utility, 1)));
            if (paid == new Fraction(cost, 1) && free.All(s => s.Money >= rho * new Fraction(s.Utility, 1)))
            {
                return rho;
            }
        }
        // Everyone pays everything: ρ is the largest money/utility ratio.
        return supporters.Max(s => s.Money / new Fraction(s.Utility, 1));
    }

    private static bool Better(Project project, Project best, List<Dictionary<string, long>> voters)
    {
        var a = voters.Count(v => v.ContainsKey(project.Id));
        var b = voters.Count(v => v.ContainsKey(best.Id));
        if (a != b)
        {
            return a > b;
        }
        return project.Cost != best.Cost ? project.Cost < best.Cost : string.CompareOrdinal(project.Id, best.Id) < 0;
    }
}

/// <summary>An exact fraction in lowest terms with a positive denominator.</summary>
internal readonly record struct Fraction : IComparable<Fraction>
{
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        (N, D) = gcd.IsZero ? (numerator, denominator) : (numerator / gcd, denominator / gcd);
    }

    public BigInteger N { get; }
    public BigInteger D { get; }

    public static Fraction Zero { get; } = new(0, 1);

    public static Fraction operator +(Fraction a, Fraction b) => new((a.N * b.D) + (b.N * a.D), a.D * b.D);
    public static Fraction operator -(Fraction a, Fraction b) => new((a.N * b.D) - (b.N * a.D), a.D * b.D);
    public static Fraction operator *(Fraction a, Fraction b) => new(a.N * b.N, a.D * b.D);
    public static Fraction operator /(Fraction a, Fraction b) => new(a.N * b.D, a.D * b.N);
    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public static Fraction Min(Fraction a, Fraction b) => a <= b ? a : b;

    public int CompareTo(Fraction other) => (N * other.D).CompareTo(other.N * D);
}
