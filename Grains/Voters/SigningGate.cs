using Voting.Grains.Rules;
using Voting.Initiatives;
using Voting.Voters;

namespace Voting.Grains.Voters;

/// <summary>Whether a signature may be recorded now: collection window and electoral age (18).</summary>
public static class SigningGate
{
    public const int ElectoralAge = 18;

    public static SignResult? Check(Initiative initiative, DateOnly birthDate, DateTimeOffset now)
    {
        if (initiative.SubmittedAt is not null || now < initiative.CollectFrom || now > initiative.CollectUntil)
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
