using Voting.Editions;
using Voting.Grains.Rules;
using Voting.Voters;

namespace Voting.Grains.Voters;

/// <summary>Whether a ballot may be recorded now: phase and window, eligibility, ballot rules.</summary>
public static class VotingGate
{
    public static CastResult? Check(Edition edition, CastBallot command, DateTimeOffset now)
    {
        if (!IsOpen(edition, command.Channel, now))
        {
            return new CastResult(CastOutcome.VotingNotOpen, Detail: $"Edition '{edition.Id}' is not open for voting (phase {edition.Phase}, window {edition.VotingOpensAt:O} to {edition.VotingClosesAt:O}).");
        }
        var votingDay = DateOnly.FromDateTime(now.ToOffset(edition.VotingClosesAt.Offset).DateTime);
        var age = Pesel.AgeOn(command.BirthDate, votingDay);
        if (age < edition.MinVoterAge)
        {
            return new CastResult(CastOutcome.NotEligible, Detail: $"Voters must be at least {edition.MinVoterAge} years old on the voting day.");
        }
        var errors = BallotRules.Validate(edition, command.Selections, command.District);
        if (errors.Count > 0)
        {
            return new CastResult(CastOutcome.InvalidBallot, Errors: errors, Detail: "The ballot breaks the edition's rules.");
        }
        return null;
    }

    /// <summary>
    /// Online ballots: phase voting and inside the window. Paper ballots, entered by clerks, also
    /// after the close until results are certified (they were cast on paper within the window).
    /// </summary>
    /// <summary>Phase voting and inside the online window, whatever the channel.</summary>
    public static bool IsInsideVotingWindow(Edition edition, DateTimeOffset now) =>
        edition.Phase == EditionPhase.Voting && now >= edition.VotingOpensAt && now <= edition.VotingClosesAt;

    public static bool IsOpen(Edition edition, string channel, DateTimeOffset now) => channel == BallotChannel.Paper
        ? edition.Phase is EditionPhase.Voting or EditionPhase.Closed
        : IsInsideVotingWindow(edition, now);
}
