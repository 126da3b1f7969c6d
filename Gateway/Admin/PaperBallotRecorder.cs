using Voting.Gateway.Hosting;
using Voting.Editions;
using Voting.Gateway.Requests;
using Voting.Voters;

namespace Voting.Gateway.Admin;

/// <summary>A paper ballot ready for the voter grain (the PESEL already replaced by a key).</summary>
public sealed record PaperBallot(string VoterKey, DateOnly BirthDate, string? District, IReadOnlyList<Selection> Selections);

/// <summary>
/// Records paper ballots through the same voter grains, and so the same exactly-once rule, as
/// online ballots. Many run at once so that group commit batches them.
/// </summary>
public sealed class PaperBallotRecorder(GrainCalls grains)
{
    private const int Parallelism = 64;

    public async Task<IReadOnlyList<PaperBallotOutcome>> RecordAsync(string editionId, IReadOnlyList<PaperBallot?> ballots)
    {
        var outcomes = new PaperBallotOutcome[ballots.Count];
        await Parallel.ForAsync(0, ballots.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var ballot = ballots[i];
            if (ballot is null)
            {
                outcomes[i] = new PaperBallotOutcome(i, "invalid", Code: Problems.ProblemCodes.InvalidPesel, Detail: "The PESEL is not valid.");
                return;
            }
            var command = new CastBallot(editionId, ballot.Selections, ballot.BirthDate, ballot.District, null, BallotChannel.Paper);
            try
            {
                var result = await grains.RunAsync(() => grains.Get<IVoterGrain>(ballot.VoterKey).CastBallotAsync(command));
                outcomes[i] = ToOutcome(i, result);
            }
            catch (Exception e) when (ItemFailures.Classify(e) is { } failure)
            {
                outcomes[i] = new PaperBallotOutcome(i, failure.Outcome, Code: failure.Code, Detail: ItemFailures.Detail);
            }
        });
        return outcomes;
    }

    public static PaperBallotReport Report(IReadOnlyList<PaperBallotOutcome> outcomes) => new(
        outcomes.Count(o => o.Outcome == "recorded"),
        outcomes.Count(o => o.Outcome == "duplicate"),
        outcomes.Count(o => o.Outcome == "invalid"),
        outcomes,
        outcomes.Count(o => o.Outcome == "unavailable"),
        outcomes.Count(o => o.Outcome == "outcome-unknown"));

    private static PaperBallotOutcome ToOutcome(int index, CastResult result) => result.Outcome switch
    {
        CastOutcome.Recorded => new PaperBallotOutcome(index, "recorded", result.Receipt!.ReceiptId),
        CastOutcome.Replayed or CastOutcome.AlreadyVoted or CastOutcome.Replaced =>
            new PaperBallotOutcome(index, "duplicate", result.Receipt?.ReceiptId, Problems.ProblemCodes.AlreadyVoted, Detail: "This voter already has a ballot in this edition."),
        CastOutcome.InvalidBallot => new PaperBallotOutcome(index, "invalid", Code: Problems.ProblemCodes.InvalidBallot, Errors: result.Errors, Detail: result.Detail),
        CastOutcome.NotEligible => new PaperBallotOutcome(index, "invalid", Code: Problems.ProblemCodes.VoterNotEligible, Detail: result.Detail),
        CastOutcome.VotingNotOpen => new PaperBallotOutcome(index, "invalid", Code: Problems.ProblemCodes.VotingNotOpen, Detail: result.Detail),
        _ => new PaperBallotOutcome(index, "invalid", Code: Problems.ProblemCodes.EditionNotFound, Detail: result.Detail),
    };
}
