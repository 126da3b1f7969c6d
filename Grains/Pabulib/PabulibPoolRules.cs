using Voting.Editions;

namespace Voting.Grains.Pabulib;

/// <summary>Maps a section's META onto a pool's ballot rules, budget and allocation method (API.md, admin import).</summary>
internal static class PabulibPoolRules
{
    public static BallotSpec Ballot(PabulibSection section)
    {
        var voteType = section.MetaValue(PabulibKeys.VoteType)?.ToLowerInvariant()
            ?? throw AtSection(section, "META has no vote_type.");
        var minLength = OptionalInt(section, PabulibKeys.MinLength);
        var maxLength = OptionalInt(section, PabulibKeys.MaxLength);
        var maxSumCost = OptionalWhole(section, PabulibKeys.MaxSumCost);
        return voteType switch
        {
            BallotType.Approval => new BallotSpec
            {
                Type = BallotType.Approval,
                MinSelections = minLength,
                MaxSelections = maxLength,
                MaxTotalCost = maxSumCost,
            },
            PabulibKeys.ChooseOne => new BallotSpec
            {
                Type = BallotType.Approval,
                MinSelections = minLength,
                MaxSelections = 1,
                MaxTotalCost = maxSumCost,
            },
            BallotType.Ordinal => new BallotSpec
            {
                Type = BallotType.Ordinal,
                MinSelections = minLength,
                MaxSelections = maxLength,
                MaxTotalCost = maxSumCost,
                Points = OrdinalPoints(maxLength ?? section.Projects.Count),
            },
            BallotType.Cumulative => new BallotSpec
            {
                Type = BallotType.Cumulative,
                MinSelections = minLength,
                MaxSelections = maxLength,
                MaxTotalCost = maxSumCost,
                MinPoints = OptionalInt(section, PabulibKeys.MinSumPoints),
                MaxPoints = OptionalInt(section, PabulibKeys.MaxSumPoints),
                MaxPointsPerProject = OptionalInt(section, PabulibKeys.MaxPoints),
            },
            BallotType.Knapsack => new BallotSpec
            {
                Type = BallotType.Knapsack,
                MinSelections = minLength,
                MaxSelections = maxLength,
                MinSpendPercent = OptionalInt(section, PabulibKeys.MinSpendPercent),
            },
            _ => throw AtSection(section,
                $"vote_type '{voteType}' is not supported (use approval, choose-1, ordinal or cumulative)."),
        };
    }

    public static long Budget(PabulibSection section)
    {
        var text = section.MetaValue(PabulibKeys.Budget) ?? throw AtSection(section, "META has no budget.");
        if (!PabulibNumbers.TryParseWhole(text, out var budget) || budget < 0)
        {
            throw AtSection(section, $"budget '{text}' is not a whole non-negative number.");
        }
        return budget;
    }

    public static string Method(PabulibSection section)
    {
        var rule = section.MetaValue(PabulibKeys.Rule)?.ToLowerInvariant() ?? "";
        return rule.StartsWith("equalshares", StringComparison.Ordinal) || rule.StartsWith("mes", StringComparison.Ordinal)
            ? AllocationMethod.EqualShares
            : AllocationMethod.Greedy;
    }

    /// <summary>n, n-1, …, 1 (Kraków's 3/2/1).</summary>
    public static int[] OrdinalPoints(int count) =>
        Enumerable.Range(1, Math.Max(count, 0)).Reverse().ToArray();

    public static PabulibFormatException AtSection(PabulibSection section, string message) =>
        PabulibFormatException.AtLine(section.Line, "in the META section starting here, " + message);

    private static int? OptionalInt(PabulibSection section, string key)
    {
        var text = section.MetaValue(key);
        if (text is null)
        {
            return null;
        }
        if (!PabulibNumbers.TryParseInt(text, out var value) || value < 0)
        {
            throw AtSection(section, $"{key} '{text}' is not a whole non-negative number.");
        }
        return value;
    }

    private static long? OptionalWhole(PabulibSection section, string key)
    {
        var text = section.MetaValue(key);
        if (text is null)
        {
            return null;
        }
        if (!PabulibNumbers.TryParseWhole(text, out var value) || value < 0)
        {
            throw AtSection(section, $"{key} '{text}' is not a whole non-negative number.");
        }
        return value;
    }
}
