using System.Numerics;

namespace Voting.Grains.Rules;

/// <summary>
/// One run of the Method of Equal Shares at Add1 step k (every voter starts with budget/n + k), in exact
/// arithmetic. Voters with the same payment history share a budget class, so a project's supporters
/// collapse into a few groups. Every comparison is reported to a <see cref="ChangeTracker"/>.
/// </summary>
internal sealed class EqualSharesRun
{
    private const int ZeroClass = 0;

    private readonly EqualSharesInstance _instance;
    private readonly long _step;
    private readonly ChangeTracker _tracker;
    private readonly List<Affine> _classValues = [];
    private readonly List<BigInteger> _classNumerators = [];
    private readonly int[] _voterClass;
    private readonly Affine?[] _lowerBound;
    private readonly Dictionary<(int Class, long Utility), int> _groupIndex = [];

    private EqualSharesRun(EqualSharesInstance instance, long step)
    {
        _instance = instance;
        _step = step;
        _tracker = new ChangeTracker(step);
        AddClass(Affine.Zero);
        var initial = AddClass(new Affine(instance.Budget, instance.VoterCount, instance.VoterCount));
        _voterClass = new int[instance.VoterCount];
        Array.Fill(_voterClass, initial);
        _lowerBound = new Affine?[instance.Costs.Length];
    }

    /// <summary>The winners in the order chosen, and the first later step at which the run could differ.</summary>
    public static (List<int> Winners, long NextChange) Execute(EqualSharesInstance instance, long step)
    {
        var run = new EqualSharesRun(instance, step);
        var winners = run.Rounds();
        return (winners, run._tracker.NextChange);
    }

    private List<int> Rounds()
    {
        var winners = new List<int>();
        var remaining = new List<int>(_instance.Candidates);
        var removed = new bool[_instance.Costs.Length];
        var evaluated = new List<(int Project, Affine Rho)>();
        while (remaining.Count > 0)
        {
            remaining.Sort(CompareLowerBounds);
            evaluated.Clear();
            var best = -1;
            Evaluation? bestEvaluation = null;
            var pruneFrom = remaining.Count;
            for (var i = 0; i < remaining.Count; i++)
            {
                var project = remaining[i];
                if (bestEvaluation is not null && _lowerBound[project] is { } bound
                    && Affine.CompareAt(bound, bestEvaluation.Rho, _step) > 0)
                {
                    pruneFrom = i;
                    break;
                }
                var evaluation = Evaluate(project);
                if (evaluation is null)
                {
                    removed[project] = true;
                    continue;
                }
                _lowerBound[project] = evaluation.Rho;
                evaluated.Add((project, evaluation.Rho));
                if (bestEvaluation is null || IsBetter(project, evaluation.Rho, best, bestEvaluation.Rho))
                {
                    best = project;
                    bestEvaluation = evaluation;
                }
            }
            if (bestEvaluation is null)
            {
                break;
            }

            foreach (var (project, rho) in evaluated)
            {
                if (project != best)
                {
                    _tracker.Observe(rho, bestEvaluation.Rho);
                }
            }
            for (var i = pruneFrom; i < remaining.Count; i++)
            {
                _tracker.Observe(_lowerBound[remaining[i]]!.Value, bestEvaluation.Rho);
            }

            Pay(best, bestEvaluation);
            winners.Add(best);
            removed[best] = true;
            remaining.RemoveAll(p => removed[p]);
        }
        return winners;
    }

    private int CompareLowerBounds(int left, int right)
    {
        var (l, r) = (_lowerBound[left], _lowerBound[right]);
        if (l is null || r is null)
        {
            return (l is null ? 0 : 1) - (r is null ? 0 : 1);
        }
        return Affine.CompareAt(l.Value, r.Value, _step);
    }

    private bool IsBetter(int project, Affine rho, int best, Affine bestRho)
    {
        var byRho = Affine.CompareAt(rho, bestRho, _step);
        if (byRho != 0)
        {
            return byRho < 0;
        }
        var bySupporters = _instance.Supporters[project].Length.CompareTo(_instance.Supporters[best].Length);
        if (bySupporters != 0)
        {
            return bySupporters > 0;
        }
        var byCost = _instance.Costs[project].CompareTo(_instance.Costs[best]);
        if (byCost != 0)
        {
            return byCost < 0;
        }
        return string.CompareOrdinal(_instance.ProjectIds[project], _instance.ProjectIds[best]) < 0;
    }

    /// <summary>The smallest ρ at which the supporters, each paying min(money, ρ·utility), cover the cost; null when they cannot.</summary>
    private Evaluation? Evaluate(int project)
    {
        var groups = BuildGroups(project);
        var cost = Affine.Constant(_instance.Costs[project]);
        var money = Affine.Zero;
        var utilityLeft = BigInteger.Zero;
        foreach (var group in groups)
        {
            money += _classValues[group.Class] * group.Count;
            utilityLeft += group.Count * (BigInteger)group.Utility;
        }
        _tracker.Observe(money, cost);
        if (Affine.CompareAt(money, cost, _step) < 0)
        {
            return null;
        }

        groups.Sort((x, y) => CompareRatio(x, y));
        var paidByCapped = Affine.Zero;
        var capped = 0;
        foreach (var group in groups)
        {
            var budget = _classValues[group.Class];
            var wouldPay = (cost - paidByCapped) * group.Utility;
            if (utilityLeft.IsZero || Affine.CompareAt(wouldPay, budget * utilityLeft, _step) <= 0)
            {
                break;
            }
            paidByCapped += budget * group.Count;
            utilityLeft -= group.Count * (BigInteger)group.Utility;
            capped++;
        }
        if (utilityLeft.IsZero)
        {
            return null;
        }

        var rho = (cost - paidByCapped) / utilityLeft;
        foreach (var group in groups)
        {
            _tracker.Observe(rho * group.Utility, _classValues[group.Class]);
        }
        return new Evaluation(rho, groups, capped);
    }

    private List<Group> BuildGroups(int project)
    {
        var supporters = _instance.Supporters[project];
        var utilities = _instance.Utilities[project];
        var groups = new List<Group>();
        _groupIndex.Clear();
        for (var i = 0; i < supporters.Length; i++)
        {
            var key = (_voterClass[supporters[i]], utilities[i]);
            if (_groupIndex.TryGetValue(key, out var at))
            {
                groups[at] = groups[at] with { Count = groups[at].Count + 1 };
            }
            else
            {
                _groupIndex.Add(key, groups.Count);
                groups.Add(new Group(key.Item1, key.Item2, 1));
            }
        }
        return groups;
    }

    /// <summary>Orders groups by money per utility at this step.</summary>
    private int CompareRatio(Group x, Group y)
    {
        var left = _classNumerators[x.Class] * _classValues[y.Class].D * y.Utility;
        var right = _classNumerators[y.Class] * _classValues[x.Class].D * x.Utility;
        return left.CompareTo(right);
    }

    private void Pay(int project, Evaluation evaluation)
    {
        var next = new Dictionary<(int Class, long Utility), int>(evaluation.Groups.Count);
        for (var g = 0; g < evaluation.Groups.Count; g++)
        {
            var group = evaluation.Groups[g];
            var target = ZeroClass;
            if (g >= evaluation.Capped)
            {
                var left = _classValues[group.Class] - (evaluation.Rho * group.Utility);
                target = left.IsZero ? ZeroClass : AddClass(left);
            }
            next.Add((group.Class, group.Utility), target);
        }
        var supporters = _instance.Supporters[project];
        var utilities = _instance.Utilities[project];
        for (var i = 0; i < supporters.Length; i++)
        {
            _voterClass[supporters[i]] = next[(_voterClass[supporters[i]], utilities[i])];
        }
    }

    private int AddClass(Affine value)
    {
        _classValues.Add(value);
        _classNumerators.Add(value.NumeratorAt(_step));
        return _classValues.Count - 1;
    }

    private readonly record struct Group(int Class, long Utility, long Count);

    private sealed record Evaluation(Affine Rho, List<Group> Groups, int Capped);
}
