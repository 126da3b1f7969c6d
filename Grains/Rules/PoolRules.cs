using Voting.Editions;

namespace Voting.Grains.Rules;

/// <summary>The per-pool part of <see cref="BallotRules"/>: the checks of one ballot type.</summary>
internal static class PoolRules
{
    public static void Check(Pool pool, List<(Project Project, Selection Selection)> picks, List<BallotError> errors)
    {
        var spec = pool.Ballot;
        var maxSelections = spec.MaxSelections;
        if (spec.Type == BallotType.Ordinal && spec.Points is { } points)
        {
            maxSelections = maxSelections is { } max ? Math.Min(max, points.Count) : points.Count;
        }
        CheckCount(pool, picks.Count, spec.MinSelections, maxSelections, errors);

        var totalCost = picks.Sum(p => p.Project.Cost);
        switch (spec.Type)
        {
            case BallotType.Approval:
                if (spec.MaxTotalCost is { } cap && totalCost > cap)
                {
                    errors.Add(new BallotError(pool.Id, BallotRule.MaxTotalCost,
                        $"The picks in pool '{pool.Id}' cost {totalCost} in total; at most {cap} allowed."));
                }
                break;
            case BallotType.Cumulative:
                CheckCumulative(pool, picks, errors);
                break;
            case BallotType.Knapsack:
                CheckKnapsack(pool, totalCost, errors);
                break;
            default:
                break;
        }
    }

    private static void CheckCount(Pool pool, int count, int? min, int? max, List<BallotError> errors)
    {
        if (min is { } atLeast && count < atLeast)
        {
            errors.Add(new BallotError(pool.Id, BallotRule.MinSelections,
                $"Pool '{pool.Id}' needs at least {atLeast} selections; the ballot has {count}."));
        }
        if (max is { } atMost && count > atMost)
        {
            errors.Add(new BallotError(pool.Id, BallotRule.MaxSelections,
                $"Pool '{pool.Id}' allows at most {atMost} selections; the ballot has {count}."));
        }
    }

    private static void CheckCumulative(Pool pool, List<(Project Project, Selection Selection)> picks, List<BallotError> errors)
    {
        var spec = pool.Ballot;
        long total = 0;
        foreach (var (project, selection) in picks)
        {
            if (selection.Points is not { } given || given < 1)
            {
                errors.Add(new BallotError(pool.Id, BallotRule.PointsRequired,
                    $"Project '{project.Id}' needs at least 1 point in cumulative pool '{pool.Id}'."));
                continue;
            }
            total += given;
            if (spec.MaxPointsPerProject is { } perProject && given > perProject)
            {
                errors.Add(new BallotError(pool.Id, BallotRule.MaxPointsPerProject,
                    $"Project '{project.Id}' gets {given} points; at most {perProject} per project allowed."));
            }
        }
        if (spec.MinPoints is { } min && total < min)
        {
            errors.Add(new BallotError(pool.Id, BallotRule.MinPoints,
                $"The ballot gives {total} points in pool '{pool.Id}'; at least {min} needed."));
        }
        if (spec.MaxPoints is { } max && total > max)
        {
            errors.Add(new BallotError(pool.Id, BallotRule.MaxPoints,
                $"The ballot gives {total} points in pool '{pool.Id}'; at most {max} allowed."));
        }
    }

    private static void CheckKnapsack(Pool pool, long totalCost, List<BallotError> errors)
    {
        if (totalCost > pool.Budget)
        {
            errors.Add(new BallotError(pool.Id, BallotRule.OverBudget,
                $"The picks in pool '{pool.Id}' cost {totalCost}; the pool budget is {pool.Budget}."));
        }
        if (pool.Ballot.MinSpendPercent is { } percent && totalCost * 100 < (long)percent * pool.Budget)
        {
            errors.Add(new BallotError(pool.Id, BallotRule.MinSpend,
                $"The picks in pool '{pool.Id}' cost {totalCost}; at least {percent}% of the budget {pool.Budget} must be spent."));
        }
    }
}
