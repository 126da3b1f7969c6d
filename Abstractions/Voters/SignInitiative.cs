namespace Voting.Voters;

/// <summary>A signature to record. <see cref="BirthDate"/> comes from the validated PESEL.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.sign-initiative")]
public sealed record SignInitiative(string InitiativeId, DateOnly BirthDate, string Channel = BallotChannel.Online);

[GenerateSerializer]
[Alias("voting.sign-outcome")]
public enum SignOutcome
{
    Recorded,
    Replayed,
    InitiativeNotFound,
    CollectionClosed,
    NotEligible,
}

[GenerateSerializer]
[Immutable]
[Alias("voting.sign-result")]
public sealed record SignResult(SignOutcome Outcome, SignatureReceipt? Receipt = null, string? Detail = null);

/// <summary>A signature receipt with the initiative's signature count after it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.signature-receipt")]
public sealed record SignatureReceipt(string ReceiptId, string InitiativeId, DateTimeOffset SignedAt, long Signatures);
