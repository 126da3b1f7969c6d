using Voting.Editions;

namespace Voting.Grains.Rules;

/// <summary>
/// Checks a ballot against its edition's rules and lists every broken rule (an empty list means valid).
/// Each selection's pool is found by project id; a voter may skip a pool entirely, so the per-pool
/// checks apply only to pools the ballot touches. Points on non-cumulative pools are ignored.
/// </summary>
public static class BallotRules
{
    public static IReadOnlyList<BallotError> Validate(Edition edition, IReadOnlyList<Selection> selections, string? voterDistrict)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(selections);

        var errors = new List<BallotError>();
        if (selections.Count == 0)
        {
            errors.Add(new BallotError(null, BallotRule.EmptyBallot, "The ballot has no selections."));
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reportedDuplicates = new HashSet<string>(StringComparer.Ordinal);
        var picksByPool = new Dictionary<Pool, List<(Project Project, Selection Selection)>>(ReferenceEqualityComparer.Instance);
        var touchedPools = new List<Pool>();
        var projects = ProjectIndex.Of(edition.Pools);
        for (var s = 0; s < selections.Count; s++)
        {
            var selection = selections[s];
            var pool = projects.TryFind(selection.ProjectId, out var poolIndex, out var project) ? edition.Pools[poolIndex] : null;
            if (!seen.Add(selection.ProjectId))
            {
                if (reportedDuplicates.Add(selection.ProjectId))
                {
                    errors.Add(new BallotError(pool?.Id, BallotRule.DuplicateProject,
                        $"Project '{selection.ProjectId}' is selected more than once."));
                }
                continue;
            }
            if (pool is null)
            {
                errors.Add(new BallotError(null, BallotRule.UnknownProject,
                    $"Project '{selection.ProjectId}' is not part of this edition."));
                continue;
            }
            if (!picksByPool.TryGetValue(pool, out var picks))
            {
                picks = [];
                picksByPool.Add(pool, picks);
                touchedPools.Add(pool);
            }
            picks.Add((project, selection));
        }

        foreach (var pool in touchedPools)
        {
            PoolRules.Check(pool, picksByPool[pool], errors);
        }

        CheckDistricts(edition, touchedPools, voterDistrict, errors);
        return errors;
    }

    private static void CheckDistricts(Edition edition, List<Pool> touchedPools, string? voterDistrict, List<BallotError> errors)
    {
        var districtPools = touchedPools.Where(p => p.Kind == PoolKind.District).ToList();
        if (districtPools.Count > edition.MaxDistrictPools)
        {
            errors.Add(new BallotError(null, BallotRule.MaxDistrictPools,
                $"The ballot votes in {districtPools.Count} district pools; at most {edition.MaxDistrictPools} allowed."));
        }
        if (!edition.DistrictTiedToResidence)
        {
            return;
        }
        foreach (var pool in districtPools)
        {
            if (string.IsNullOrWhiteSpace(voterDistrict))
            {
                errors.Add(new BallotError(pool.Id, BallotRule.WrongDistrict,
                    $"Pool '{pool.Id}' is open only to residents of '{pool.DistrictName}'; the voter declared no district."));
            }
            else if (!string.Equals(voterDistrict.Trim(), pool.DistrictName, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new BallotError(pool.Id, BallotRule.WrongDistrict,
                    $"Pool '{pool.Id}' is open only to residents of '{pool.DistrictName}', not '{voterDistrict}'."));
            }
        }
    }
}
