namespace Voting.Grains.Identity;

/// <summary>
/// A live one-time code (table <c>verification_codes</c>, key: voter key): hashes only. The code
/// hash and e-mail key are HMACs with the deployment's secret; <see cref="UsedBy"/> is the hash
/// of the one request the code confirmed (its replays pass again).
/// </summary>
public sealed record StoredCode(string CodeHash, string EmailKey, DateTimeOffset ExpiresAt, int WrongTries, string? UsedBy);
