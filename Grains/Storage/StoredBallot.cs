using Voting.Editions;

namespace Voting.Grains.Storage;

/// <summary>A ballot row (table <c>ballots</c>, key: edition and voter key). Holds no PESEL.</summary>
public sealed record StoredBallot(
    string ReceiptId,
    IReadOnlyList<Selection> Selections,
    DateTimeOffset CastAt,
    string? IdempotencyKey,
    string Channel,
    string Status);
