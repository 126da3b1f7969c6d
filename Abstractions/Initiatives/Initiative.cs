namespace Voting.Initiatives;

/// <summary>A citizen resolution initiative collecting signatures (art. 41a).</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.initiative")]
public sealed record Initiative
{
    [Id(0)]
    public required string Id { get; init; }
    [Id(1)]
    public required string Title { get; init; }
    [Id(2)]
    public required int Threshold { get; init; }
    [Id(3)]
    public required DateTimeOffset CollectFrom { get; init; }
    [Id(4)]
    public required DateTimeOffset CollectUntil { get; init; }

    /// <summary>Set when the committee submits the collected signatures; collection ends.</summary>
    [Id(5)]
    public DateTimeOffset? SubmittedAt { get; init; }
}

/// <summary>An initiative as residents see it (API.md).</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.initiative-view")]
public sealed record InitiativeView(string Id, string Title, int Threshold, long Signatures, string Status, DateTimeOffset CollectFrom, DateTimeOffset CollectUntil);

public static class InitiativeStatus
{
    public const string Collecting = "collecting";
    public const string ThresholdReached = "threshold-reached";
    public const string Expired = "expired";
    public const string Submitted = "submitted";
}
