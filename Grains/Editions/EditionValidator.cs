using System.Text.RegularExpressions;
using Voting.Editions;

namespace Voting.Grains.Editions;

/// <summary>Checks an edition document before it is stored; lists every problem found.</summary>
public static partial class EditionValidator
{
    public static IReadOnlyList<string> Validate(Edition edition)
    {
        var errors = new List<string>();
        if (!IdPattern().IsMatch(edition.Id))
        {
            errors.Add($"id '{edition.Id}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (string.IsNullOrWhiteSpace(edition.Name))
        {
            errors.Add("name is empty.");
        }
        if (edition.Phase is not (EditionPhase.Draft or EditionPhase.Submission or EditionPhase.Voting or EditionPhase.Closed))
        {
            errors.Add($"phase '{edition.Phase}' must be draft, submission, voting or closed when an edition is created.");
        }
        if (edition.VotingClosesAt <= edition.VotingOpensAt)
        {
            errors.Add("votingClosesAt must be after votingOpensAt.");
        }
        if (edition.MinVoterAge is < 0 or > 150)
        {
            errors.Add("minVoterAge must lie between 0 and 150.");
        }
        if (edition.MaxDistrictPools < 0)
        {
            errors.Add("maxDistrictPools must not be negative.");
        }
        if (edition.DuplicatePolicy is not (DuplicatePolicy.FirstWins or DuplicatePolicy.InvalidateAll))
        {
            errors.Add($"duplicatePolicy '{edition.DuplicatePolicy}' must be first-wins or invalidate-all.");
        }
        if (edition.Pools.Count == 0)
        {
            errors.Add("pools is empty: an edition needs at least one pool.");
        }
        var poolIds = new HashSet<string>(StringComparer.Ordinal);
        var projectIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in edition.Pools)
        {
            if (!IdPattern().IsMatch(pool.Id) || !poolIds.Add(pool.Id))
            {
                errors.Add($"pool id '{pool.Id}' is invalid or used twice.");
            }
            ValidatePool(pool, projectIds, errors, projectsLater: edition.Phase is EditionPhase.Draft or EditionPhase.Submission);
        }
        return errors;
    }

    private static void ValidatePool(Pool pool, HashSet<string> projectIds, List<string> errors, bool projectsLater)
    {
        var at = $"pool '{pool.Id}':";
        if (pool.Kind is not (PoolKind.City or PoolKind.District))
        {
            errors.Add($"{at} kind '{pool.Kind}' must be city or district.");
        }
        if (pool.Method is not (AllocationMethod.Greedy or AllocationMethod.EqualShares))
        {
            errors.Add($"{at} method '{pool.Method}' must be greedy or equal-shares.");
        }
        if (pool.Budget < 0 || pool.MinVotesToWin < 0)
        {
            errors.Add($"{at} budget and minVotesToWin must not be negative.");
        }
        if (pool.MinSupporters < 0 || pool.MaxProposalsPerAuthor < 1)
        {
            errors.Add($"{at} minSupporters must not be negative and maxProposalsPerAuthor must be at least 1.");
        }
        if (pool.Projects.Count == 0 && !projectsLater)
        {
            errors.Add($"{at} has no projects.");
        }
        foreach (var project in pool.Projects)
        {
            if (string.IsNullOrEmpty(project.Id) || project.Id.Length > 64 || !projectIds.Add(project.Id))
            {
                errors.Add($"{at} project id '{project.Id}' is empty, too long or used twice in the edition.");
            }
            if (project.Cost < 0)
            {
                errors.Add($"{at} project '{project.Id}' has a negative cost.");
            }
        }
        ValidateBallot(pool, at, errors);
    }

    private static void ValidateBallot(Pool pool, string at, List<string> errors)
    {
        var ballot = pool.Ballot;
        if (!BallotType.IsKnown(ballot.Type))
        {
            errors.Add($"{at} ballot type '{ballot.Type}' must be approval, ordinal, cumulative or knapsack.");
            return;
        }
        if (ballot.MinSelections < 0 || ballot.MaxSelections < 0 || ballot.MinSelections > ballot.MaxSelections)
        {
            errors.Add($"{at} minSelections and maxSelections must be non-negative with min ≤ max.");
        }
        if (ballot.MinPoints < 0 || ballot.MaxPoints < 0 || ballot.MinPoints > ballot.MaxPoints || ballot.MaxPointsPerProject < 1)
        {
            errors.Add($"{at} minPoints, maxPoints and maxPointsPerProject are out of range.");
        }
        if (ballot.MinSpendPercent is < 0 or > 100)
        {
            errors.Add($"{at} minSpendPercent must lie between 0 and 100.");
        }
        if (ballot.Type == BallotType.Ordinal)
        {
            var needed = ballot.MaxSelections ?? pool.Projects.Count;
            if (ballot.Points is null || ballot.Points.Count < needed || ballot.Points.Any(p => p < 0))
            {
                errors.Add($"{at} an ordinal ballot needs non-negative points for each of its {needed} ranks.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
