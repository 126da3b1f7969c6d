namespace Voting.LoadTests.Model;

/// <summary>
/// Builds random ballots that satisfy the edition's rules: every non-district pool plus
/// at most <c>maxDistrictPools</c> district pools, each filled according to its ballot type.
/// </summary>
public sealed class BallotFactory(Edition edition)
{
    private const int Attempts = 20;

    private readonly List<Pool> _cityPools = edition.Pools.Where(p => !p.IsDistrict && p.Projects.Count > 0).ToList();
    private readonly List<Pool> _districtPools = edition.Pools.Where(p => p.IsDistrict && p.Projects.Count > 0).ToList();

    public Edition Edition { get; } = edition;

    public Ballot Create(Random rng)
    {
        var selections = new List<Selection>();
        foreach (var pool in _cityPools)
        {
            selections.AddRange(ForPool(pool, rng));
        }

        string? district = null;
        var maxDistricts = Math.Min(Math.Max(Edition.MaxDistrictPools, 0), _districtPools.Count);
        var minDistricts = _cityPools.Count == 0 && maxDistricts > 0 ? 1 : 0;
        var districts = rng.Next(minDistricts, maxDistricts + 1);
        foreach (var pool in Shuffled(_districtPools, rng).Take(districts))
        {
            selections.AddRange(ForPool(pool, rng));
            district ??= pool.Id;
        }

        return new Ballot(selections, district);
    }

    public static IReadOnlyList<Selection> ForPool(Pool pool, Random rng)
    {
        return pool.Ballot.Type switch
        {
            "ordinal" => Ranked(pool, rng),
            "cumulative" => Cumulative(pool, rng),
            "knapsack" => Knapsack(pool, rng),
            _ => Approval(pool, rng),
        };
    }

    private static List<Selection> Approval(Pool pool, Random rng)
    {
        var rule = pool.Ballot;
        var n = pool.Projects.Count;
        var max = Math.Min(rule.MaxSelections ?? n, n);
        var min = Math.Min(Math.Max(rule.MinSelections, 1), max);
        return PickWithinCost(pool, rng, min, max, rule.MaxTotalCost ?? long.MaxValue);
    }

    private static List<Selection> Ranked(Pool pool, Random rng)
    {
        var rule = pool.Ballot;
        var n = pool.Projects.Count;
        var max = Math.Min(rule.MaxSelections ?? n, n);
        if (rule.Points.Count > 0)
        {
            max = Math.Min(max, rule.Points.Count);
        }

        var min = Math.Min(Math.Max(rule.MinSelections, 1), max);
        return PickWithinCost(pool, rng, min, max, rule.MaxTotalCost ?? long.MaxValue);
    }

    private static List<Selection> PickWithinCost(Pool pool, Random rng, int min, int max, long cap)
    {
        var want = rng.Next(min, max + 1);
        List<Project> best = [];
        for (var attempt = 0; attempt < Attempts && best.Count < want; attempt++)
        {
            var picked = FillUpTo(Shuffled(pool.Projects, rng), want, cap);
            if (picked.Count > best.Count)
            {
                best = picked;
            }
        }

        if (best.Count < min)
        {
            best = FillUpTo(pool.Projects.OrderBy(p => p.Cost), min, cap);
        }

        return best.Select(p => new Selection(p.Id, null)).ToList();
    }

    private static List<Project> FillUpTo(IEnumerable<Project> order, int want, long cap)
    {
        var picked = new List<Project>();
        long spent = 0;
        foreach (var p in order)
        {
            if (picked.Count == want)
            {
                break;
            }

            if (spent + p.Cost <= cap)
            {
                picked.Add(p);
                spent += p.Cost;
            }
        }

        return picked;
    }

    private static List<Selection> Cumulative(Pool pool, Random rng)
    {
        var rule = pool.Ballot;
        var n = pool.Projects.Count;
        var perProject = rule.MaxPointsPerProject ?? int.MaxValue / 4;
        var minTotal = Math.Max(rule.MinPoints, 1);
        var maxTotal = (int)Math.Min((long)(rule.MaxPoints ?? Math.Max(minTotal, 10)), (long)n * perProject);
        minTotal = Math.Min(minTotal, maxTotal);
        var total = rng.Next(minTotal, maxTotal + 1);

        var fewest = (int)Math.Ceiling(total / (double)perProject);
        var most = Math.Min(total, n);
        fewest = Math.Max(fewest, Math.Min(rule.MinSelections, most));
        most = Math.Max(fewest, Math.Min(most, rule.MaxSelections ?? most));
        var count = rng.Next(fewest, most + 1);

        var chosen = Shuffled(pool.Projects, rng).Take(count).ToList();
        var points = Enumerable.Repeat(1, chosen.Count).ToArray();
        var left = total - chosen.Count;
        while (left > 0)
        {
            var i = rng.Next(points.Length);
            if (points[i] < perProject)
            {
                points[i]++;
                left--;
            }
        }

        return chosen.Select((p, i) => new Selection(p.Id, points[i])).ToList();
    }

    private static List<Selection> Knapsack(Pool pool, Random rng)
    {
        var budget = pool.Budget;
        var minSpend = (long)Math.Ceiling(budget * (pool.Ballot.MinSpendPercent ?? 0) / 100.0);
        List<Project> best = [];
        long bestSpent = -1;
        for (var attempt = 0; attempt < Attempts && bestSpent < minSpend; attempt++)
        {
            var picked = FillUpTo(Shuffled(pool.Projects, rng), int.MaxValue, budget);
            var spent = picked.Sum(p => p.Cost);
            if (picked.Count > 0 && spent > bestSpent)
            {
                best = picked;
                bestSpent = spent;
            }
        }

        if (bestSpent < minSpend)
        {
            best = FillUpTo(pool.Projects.OrderByDescending(p => p.Cost), int.MaxValue, budget);
        }

        return best.Select(p => new Selection(p.Id, null)).ToList();
    }

    private static List<T> Shuffled<T>(IReadOnlyList<T> items, Random rng)
    {
        var copy = items.ToArray();
        rng.Shuffle(copy);
        return [.. copy];
    }
}
