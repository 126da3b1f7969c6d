namespace Voting.Initiatives;

/// <summary>A citizen resolution initiative collecting signatures (art. 41a).</summary>
public sealed record Initiative
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required int Threshold { get; init; }
    public required DateTimeOffset CollectFrom { get; init; }
    public required DateTimeOffset CollectUntil { get; init; }

    /// <summary>Set when the committee submits the collected signatures; collection ends.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }
}

/// <summary>An initiative as residents see it (API.md).</summary>
public sealed record InitiativeView(string Id, string Title, int Threshold, long Signatures, string Status, DateTimeOffset CollectFrom, DateTimeOffset CollectUntil);

public static class InitiativeStatus
{
    public const string Collecting = "collecting";
    public const string ThresholdReached = "threshold-reached";
    public const string Expired = "expired";
    public const string Submitted = "submitted";
}
