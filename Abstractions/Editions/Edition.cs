using System.Text.Json.Serialization;

namespace Voting.Editions;

/// <summary>A participatory-budget edition: its rules, pools and voting window (API.md).</summary>
public sealed record Edition
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>draft | voting | closed | final.</summary>
    public string Phase { get; set; } = EditionPhase.Draft;

    public required DateTimeOffset VotingOpensAt { get; init; }
    public required DateTimeOffset VotingClosesAt { get; init; }
    public int MinVoterAge { get; init; }
    public bool AllowBallotChange { get; init; }

    /// <summary>How many district pools one ballot may touch.</summary>
    public int MaxDistrictPools { get; set; } = 1;

    /// <summary>Results are visible while voting.</summary>
    public bool LiveResults { get; init; }

    /// <summary>District pools are open only to voters who declare that district as home.</summary>
    public bool DistrictTiedToResidence { get; init; }

    /// <summary>Set once a voter registry is loaded: only voters on it may vote.</summary>
    public bool HasVoterRegistry { get; init; }

    /// <summary>first-wins | invalidate-all.</summary>
    public string DuplicatePolicy { get; set; } = Editions.DuplicatePolicy.FirstWins;

    public required IReadOnlyList<Pool> Pools { get; init; }

    /// <summary>When results were certified (phase final), and by whom.</summary>
    public DateTimeOffset? CertifiedAt { get; init; }
    public string? CertifiedBy { get; init; }

    public Pool? FindPoolOfProject(string projectId)
    {
        foreach (var pool in Pools)
        {
            foreach (var project in pool.Projects)
            {
                if (project.Id == projectId)
                {
                    return pool;
                }
            }
        }
        return null;
    }
}

public static class EditionPhase
{
    public const string Draft = "draft";
    public const string Voting = "voting";
    public const string Closed = "closed";
    public const string Final = "final";

    public static bool IsKnown(string phase) => phase is Draft or Voting or Closed or Final;
}

public static class DuplicatePolicy
{
    public const string FirstWins = "first-wins";
    public const string InvalidateAll = "invalidate-all";
}

/// <summary>A pool of money with its own projects and ballot rules (city-wide or one district).</summary>
public sealed record Pool
{
    public required string Id { get; init; }
    public string Name { get; set; } = "";

    /// <summary>city | district.</summary>
    public string Kind { get; set; } = PoolKind.City;

    /// <summary>The district name a voter declares to vote in this pool (district pools); defaults to <see cref="Name"/>.</summary>
    public string? District { get; init; }

    public required long Budget { get; init; }
    public required BallotSpec Ballot { get; init; }
    public long MinVotesToWin { get; init; }

    /// <summary>greedy | equal-shares.</summary>
    public string Method { get; set; } = AllocationMethod.Greedy;

    public required IReadOnlyList<Project> Projects { get; init; }

    [JsonIgnore]
    public string DistrictName => District ?? Name;
}

public static class PoolKind
{
    public const string City = "city";
    public const string District = "district";
}

public static class AllocationMethod
{
    public const string Greedy = "greedy";
    public const string EqualShares = "equal-shares";
}

/// <summary>The ballot rules of a pool.</summary>
public sealed record BallotSpec
{
    /// <summary>approval | ordinal | cumulative | knapsack.</summary>
    public required string Type { get; init; }
    public int? MinSelections { get; init; }
    public int? MaxSelections { get; init; }

    /// <summary>Ordinal: the points of the 1st, 2nd, … pick.</summary>
    public IReadOnlyList<int>? Points { get; init; }

    /// <summary>Approval: cap on the summed cost of one voter's picks.</summary>
    public long? MaxTotalCost { get; init; }

    /// <summary>Cumulative: bounds on the total points and the points per project.</summary>
    public int? MinPoints { get; init; }
    public int? MaxPoints { get; init; }
    public int? MaxPointsPerProject { get; init; }

    /// <summary>Knapsack: the picks must spend at least this share of the pool budget.</summary>
    public int? MinSpendPercent { get; init; }
}

public static class BallotType
{
    public const string Approval = "approval";
    public const string Ordinal = "ordinal";
    public const string Cumulative = "cumulative";
    public const string Knapsack = "knapsack";

    public static bool IsKnown(string type) => type is Approval or Ordinal or Cumulative or Knapsack;
}

public sealed record Project
{
    public required string Id { get; init; }
    public string Title { get; set; } = "";
    public required long Cost { get; init; }
}
