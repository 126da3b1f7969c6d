namespace Voting.Grains.Storage;

/// <summary>A signature row (table <c>signatures</c>, key: initiative and voter key).</summary>
public sealed record StoredSignature(string ReceiptId, DateTimeOffset SignedAt, string Channel);
