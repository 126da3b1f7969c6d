using System.Text.Json.Serialization;

namespace Voting.Editions;

/// <summary>A participatory-budget edition: its rules, pools and voting window (API.md).</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.edition")]
public sealed record Edition
{
    [Id(0)]
    public required string Id { get; init; }
    [Id(1)]
    public required string Name { get; init; }

    /// <summary>draft | submission | verification | appeals | voting | closed | final.</summary>
    [Id(2)]
    public string Phase { get; init; } = EditionPhase.Draft;

    [Id(3)]
    public required DateTimeOffset VotingOpensAt { get; init; }
    [Id(4)]
    public required DateTimeOffset VotingClosesAt { get; init; }
    [Id(5)]
    public int MinVoterAge { get; init; }
    [Id(6)]
    public bool AllowBallotChange { get; init; }

    /// <summary>How many district pools one ballot may touch.</summary>
    [Id(7)]
    public int MaxDistrictPools { get; init; } = 1;

    /// <summary>Results are visible while voting.</summary>
    [Id(8)]
    public bool LiveResults { get; init; }

    /// <summary>District pools are open only to voters who declare that district as home.</summary>
    [Id(9)]
    public bool DistrictTiedToResidence { get; init; }

    /// <summary>Set once a voter registry is loaded: only voters on it may vote.</summary>
    [Id(10)]
    public bool HasVoterRegistry { get; init; }

    /// <summary>first-wins | invalidate-all.</summary>
    [Id(11)]
    public string DuplicatePolicy { get; init; } = Editions.DuplicatePolicy.FirstWins;

    [Id(12)]
    public required IReadOnlyList<Pool> Pools { get; init; }

    /// <summary>When results were certified (phase final), and by whom.</summary>
    [Id(13)]
    public DateTimeOffset? CertifiedAt { get; init; }
    [Id(14)]
    public string? CertifiedBy { get; init; }

    public Pool? FindPoolOfProject(string projectId) =>
        ProjectIndex.Of(Pools).TryFind(projectId, out var pool, out _) ? Pools[pool] : null;
}

public static class EditionPhase
{
    public const string Draft = "draft";
    public const string Submission = "submission";
    public const string Verification = "verification";
    public const string Appeals = "appeals";
    public const string Voting = "voting";
    public const string Closed = "closed";
    public const string Final = "final";

    /// <summary>The phases in their only order: an edition moves forwards, possibly skipping some.</summary>
    public static readonly IReadOnlyList<string> Order = [Draft, Submission, Verification, Appeals, Voting, Closed, Final];

    public static bool IsKnown(string phase) => Order.Contains(phase);

    /// <summary>The position of a phase in <see cref="Order"/>, -1 when unknown.</summary>
    public static int IndexOf(string phase)
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Order[i] == phase)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Voting has opened (voting, closed or final).</summary>
    public static bool VotingOpened(string phase) => IndexOf(phase) >= IndexOf(Voting);
}

public static class DuplicatePolicy
{
    public const string FirstWins = "first-wins";
    public const string InvalidateAll = "invalidate-all";
}

/// <summary>A pool of money with its own projects and ballot rules (city-wide or one district).</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.pool")]
public sealed record Pool
{
    [Id(0)]
    public required string Id { get; init; }
    [Id(1)]
    public string Name { get; init; } = "";

    /// <summary>city | district.</summary>
    [Id(2)]
    public string Kind { get; init; } = PoolKind.City;

    /// <summary>The district name a voter declares to vote in this pool (district pools); defaults to <see cref="Name"/>.</summary>
    [Id(3)]
    public string? District { get; init; }

    [Id(4)]
    public required long Budget { get; init; }
    [Id(5)]
    public required BallotSpec Ballot { get; init; }
    [Id(6)]
    public long MinVotesToWin { get; init; }

    /// <summary>greedy | equal-shares.</summary>
    [Id(7)]
    public string Method { get; init; } = AllocationMethod.Greedy;

    [Id(8)]
    public required IReadOnlyList<Project> Projects { get; init; }

    /// <summary>Supporters a proposal needs before it is submitted for verification.</summary>
    [Id(9)]
    public int MinSupporters { get; init; }

    /// <summary>At most this many proposals per author in this pool's edition.</summary>
    [Id(10)]
    public int MaxProposalsPerAuthor { get; init; } = 3;

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
[GenerateSerializer]
[Immutable]
[Alias("voting.ballotspec")]
public sealed record BallotSpec
{
    /// <summary>approval | ordinal | cumulative | knapsack.</summary>
    [Id(0)]
    public required string Type { get; init; }
    [Id(1)]
    public int? MinSelections { get; init; }
    [Id(2)]
    public int? MaxSelections { get; init; }

    /// <summary>Ordinal: the points of the 1st, 2nd, … pick.</summary>
    [Id(3)]
    public IReadOnlyList<int>? Points { get; init; }

    /// <summary>Approval: cap on the summed cost of one voter's picks.</summary>
    [Id(4)]
    public long? MaxTotalCost { get; init; }

    /// <summary>Cumulative: bounds on the total points and the points per project.</summary>
    [Id(5)]
    public int? MinPoints { get; init; }
    [Id(6)]
    public int? MaxPoints { get; init; }
    [Id(7)]
    public int? MaxPointsPerProject { get; init; }

    /// <summary>Knapsack: the picks must spend at least this share of the pool budget.</summary>
    [Id(8)]
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

[GenerateSerializer]
[Immutable]
[Alias("voting.project")]
public sealed record Project
{
    [Id(0)]
    public required string Id { get; init; }
    [Id(1)]
    public string Title { get; init; } = "";
    [Id(2)]
    public required long Cost { get; init; }
}
