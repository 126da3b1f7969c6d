using Voting.Editions;

namespace Voting.Voters;

/// <summary>A ballot to record. <see cref="BirthDate"/> comes from the validated PESEL.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.cast-ballot")]
public sealed record CastBallot(
    string EditionId,
    IReadOnlyList<Selection> Selections,
    DateOnly BirthDate,
    string? District,
    string? IdempotencyKey,
    string Channel = BallotChannel.Online);

public static class BallotChannel
{
    public const string Online = "online";
    public const string Paper = "paper";
}

/// <summary>What became of a ballot.</summary>
[GenerateSerializer]
[Alias("voting.cast-outcome")]
public enum CastOutcome
{
    /// <summary>Recorded now (201).</summary>
    Recorded,

    /// <summary>The same ballot (or the same idempotency key) was recorded before: the original receipt (200).</summary>
    Replayed,

    /// <summary>A different ballot replaced the earlier one (200, new receipt).</summary>
    Replaced,

    EditionNotFound,
    VotingNotOpen,
    NotEligible,
    InvalidBallot,
    AlreadyVoted,
}

/// <summary>The answer to <see cref="CastBallot"/>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.cast-result")]
public sealed record CastResult(CastOutcome Outcome, BallotReceipt? Receipt = null, IReadOnlyList<BallotError>? Errors = null, string? Detail = null);

/// <summary>A ballot receipt: reveals neither the voter nor the choices.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.ballot-receipt")]
public sealed record BallotReceipt(string ReceiptId, string EditionId, DateTimeOffset CastAt);
