namespace Voting.Identity;

/// <summary>
/// The one-time e-mail code of one person (<c>Identity:Mode=email-code</c>). Key: the voter key
/// (HMAC of the PESEL). Holds only hashes: of the code, of the e-mail address, of the request the
/// code was used for. A new code replaces the previous one.
/// </summary>
[Alias("voting.verification-code-grain")]
public interface IVerificationCodeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the new code's hash and queues its e-mail in the ledger's outbox, in one unit; never
    /// waits for SMTP. Within <see cref="VerificationCodes.ResendAfter"/> of a live, unused code, does nothing.
    /// </summary>
    [Alias("issue")]
    Task IssueAsync(CodeIssue issue);

    /// <summary>
    /// <see cref="CodeCheck.Fresh"/> if <see cref="CodeRedemption.CodeHash"/> is the live, unused
    /// code (it is now used by this request), <see cref="CodeCheck.Replay"/> if this same request
    /// used it, else <see cref="CodeCheck.Refused"/>. A wrong code counts as a try.
    /// </summary>
    [Alias("redeem")]
    Task<CodeCheck> RedeemAsync(CodeRedemption redemption);

    /// <summary>Makes the code usable again if <paramref name="requestKey"/> used it and was refused (nothing recorded).</summary>
    [Alias("release")]
    Task ReleaseAsync(string requestKey);
}

/// <summary>A new code: its hash for the ledger; the address and code in clear only for the outbox row, which is deleted once sent.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.code-issue")]
public sealed record CodeIssue(
    string CodeHash,
    string EmailKey,
    string Email,
    string Code,
    string Language);

/// <summary>
/// A request presenting a code: the code's hash, the hash of the request (method, path, body), and
/// where the e-mail address is bound to one voter (<c>edition:{id}</c> or <c>initiative:{id}</c>).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.code-redemption")]
public sealed record CodeRedemption(
    string CodeHash,
    string RequestKey,
    string BindingScope);

/// <summary>What a code presented with a request is worth.</summary>
[GenerateSerializer]
[Alias("voting.code-check")]
public enum CodeCheck
{
    Refused,

    /// <summary>Unused until now: this request uses it.</summary>
    Fresh,

    /// <summary>Used by this same request before (method, path and body alike).</summary>
    Replay,
}

/// <summary>How long a code lives and how many wrong tries it takes (API.md 1.1).</summary>
public static class VerificationCodes
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public const int MaxWrongTries = 5;

    public const int Digits = 6;

    /// <summary>A new code for the same person is issued (and mailed) only this long after the previous one, unless that one was used or killed.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(30);
}
