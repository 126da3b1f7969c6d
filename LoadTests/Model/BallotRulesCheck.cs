namespace Voting.LoadTests.Model;

/// <summary>
/// An independent statement of the API.md ballot rules, used by the self test to check
/// <see cref="BallotFactory"/> (the gateway has its own; this one only guards the driver).
/// </summary>
public static class BallotRulesCheck
{
    public static List<string> Errors(Edition edition, Ballot ballot)
    {
        var errors = new List<string>();
        var poolOf = edition.Pools.SelectMany(p => p.Projects.Select(x => (x.Id, Pool: p))).ToDictionary(x => x.Id, x => x.Pool, StringComparer.Ordinal);
        if (ballot.Selections.Select(s => s.ProjectId).Distinct(StringComparer.Ordinal).Count() != ballot.Selections.Count)
        {
            errors.Add("a project is picked twice");
        }

        var unknown = ballot.Selections.Where(s => !poolOf.ContainsKey(s.ProjectId)).ToList();
        errors.AddRange(unknown.Select(s => $"unknown project {s.ProjectId}"));
        var byPool = ballot.Selections.Except(unknown).GroupBy(s => poolOf[s.ProjectId]).ToList();
        if (byPool.Count(g => g.Key.IsDistrict) > edition.MaxDistrictPools)
        {
            errors.Add("too many district pools");
        }

        foreach (var group in byPool)
        {
            errors.AddRange(PoolErrors(group.Key, group.ToList()).Select(e => $"{group.Key.Id}: {e}"));
        }

        return errors;
    }

    private static IEnumerable<string> PoolErrors(Pool pool, List<Selection> picks)
    {
        var rule = pool.Ballot;
        var cost = picks.Sum(s => pool.Projects.First(p => p.Id == s.ProjectId).Cost);
        if (rule.Type != "cumulative" && picks.Any(s => s.Points is not null))
        {
            yield return "points on a non-cumulative pool";
        }

        switch (rule.Type)
        {
            case "approval" or "ordinal":
                if (picks.Count < rule.MinSelections || picks.Count > (rule.MaxSelections ?? int.MaxValue))
                {
                    yield return $"{picks.Count} selections outside [{rule.MinSelections}, {rule.MaxSelections}]";
                }

                if (rule.Type == "ordinal" && rule.Points.Count > 0 && picks.Count > rule.Points.Count)
                {
                    yield return "more ranks than points";
                }

                if (cost > (rule.MaxTotalCost ?? long.MaxValue))
                {
                    yield return $"cost {cost} > maxTotalCost {rule.MaxTotalCost}";
                }

                break;
            case "cumulative":
                var total = picks.Sum(s => s.Points ?? 0);
                if (picks.Any(s => s.Points is null or < 1 || s.Points > (rule.MaxPointsPerProject ?? int.MaxValue)))
                {
                    yield return "points per project out of range";
                }

                if (total < rule.MinPoints || total > (rule.MaxPoints ?? int.MaxValue))
                {
                    yield return $"total points {total} outside [{rule.MinPoints}, {rule.MaxPoints}]";
                }

                break;
            case "knapsack":
                if (cost > pool.Budget || cost < pool.Budget * (rule.MinSpendPercent ?? 0) / 100.0)
                {
                    yield return $"cost {cost} outside knapsack bounds (budget {pool.Budget})";
                }

                break;
            default:
                yield return $"unknown ballot type {rule.Type}";
                break;
        }
    }
}
