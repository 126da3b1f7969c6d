using Voting.Editions;

namespace Voting.Grains.Pabulib;

/// <summary>Maps a section's META onto a pool's ballot rules, budget and allocation method (API.md, admin import).</summary>
internal static class PabulibPoolRules
{
    public static BallotSpec Ballot(PabulibSection section)
    {
        var voteType = section.MetaValue(PabulibKeys.VoteType)?.ToLowerInvariant()
            ?? throw AtSection(section, "META has no vote_type.");
        var projects = section.Projects.Count;
        var minLength = AtMost(section, PabulibKeys.MinLength, OptionalInt(section, PabulibKeys.MinLength), projects);
        var maxLength = AtMost(section, PabulibKeys.MaxLength, OptionalInt(section, PabulibKeys.MaxLength), projects);
        var maxSumCost = section.MetaValue(PabulibKeys.MaxSumCost) is { } cap ? PabulibLimits.Money(PabulibKeys.MaxSumCost, section.Line, cap) : (long?)null;
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
                MinPoints = AtMost(section, PabulibKeys.MinSumPoints, OptionalInt(section, PabulibKeys.MinSumPoints), PabulibLimits.MaxSumPoints),
                MaxPoints = AtMost(section, PabulibKeys.MaxSumPoints, OptionalInt(section, PabulibKeys.MaxSumPoints), PabulibLimits.MaxSumPoints)
                    ?? throw new PabulibInvalidException(PabulibKeys.MaxSumPoints, section.Line, "a cumulative section needs a cap on the points of one ballot."),
                MaxPointsPerProject = AtMost(section, PabulibKeys.MaxPoints, OptionalInt(section, PabulibKeys.MaxPoints), PabulibLimits.MaxSumPoints),
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
        return PabulibLimits.Money(PabulibKeys.Budget, section.Line, text);
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
            throw new PabulibInvalidException(key, section.Line, $"'{PabulibLimits.Shorten(text)}' is not a whole non-negative number.");
        }
        return value;
    }

    /// <summary>The value, refused when above <paramref name="max"/> (a length beyond the number of projects, points beyond the bound).</summary>
    private static int? AtMost(PabulibSection section, string key, int? value, int max) =>
        value > max
            ? throw new PabulibInvalidException(key, section.Line, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value} is more than {max}."))
            : value;
}
