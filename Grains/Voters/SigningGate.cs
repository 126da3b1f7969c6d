using Voting.Grains.Rules;
using Voting.Initiatives;
using Voting.Voters;

namespace Voting.Grains.Voters;

/// <summary>Whether a signature may be recorded now: collection window and electoral age (18).</summary>
public static class SigningGate
{
    public const int ElectoralAge = 18;

    /// <summary>Online signatures inside the window; paper lists (signed within it) may be entered later, until submission.</summary>
    public static SignResult? Check(Initiative initiative, DateOnly birthDate, string channel, DateTimeOffset now)
    {
        var closed = initiative.SubmittedAt is not null || now < initiative.CollectFrom || (channel != BallotChannel.Paper && now > initiative.CollectUntil);
        if (closed)
        {
            return new SignResult(SignOutcome.CollectionClosed, Detail: $"Initiative '{initiative.Id}' is not collecting signatures now.");
        }
        var signingDay = DateOnly.FromDateTime(now.ToOffset(initiative.CollectUntil.Offset).DateTime);
        if (Pesel.AgeOn(birthDate, signingDay) < ElectoralAge)
        {
            return new SignResult(SignOutcome.NotEligible, Detail: "Signers must be 18 or older on the signing day.");
        }
        return null;
    }
}
