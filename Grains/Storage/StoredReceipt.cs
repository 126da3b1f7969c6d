namespace Voting.Grains.Storage;

/// <summary>A receipt row (table <c>receipts</c>, key: receipt id): what a receipt holder may see.</summary>
public sealed record StoredReceipt(string? EditionId, string? InitiativeId, DateTimeOffset CastAt, string Status);
