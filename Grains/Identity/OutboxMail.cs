namespace Voting.Grains.Identity;

/// <summary>
/// A code e-mail waiting to be sent (table <c>mail_outbox</c>). It holds the address and the code
/// in clear, so it lives only until the mail is sent (or the code has expired). A sender claims it
/// by moving <see cref="NotBefore"/> forward with a version-guarded replace.
/// </summary>
public sealed record OutboxMail(string To, string Code, string Language, DateTimeOffset ExpiresAt, DateTimeOffset NotBefore, int Attempts);
