using Voting.Gateway.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Gateway.Voters;
using Voting.Initiatives;
using Voting.Voters;

namespace Voting.Gateway.Admin;

/// <summary>The outcome of one signature of a paper list.</summary>
public sealed record PaperSignatureOutcome(int Index, string Outcome, string? ReceiptId = null, string? Code = null, string? Detail = null);

/// <summary>Per-signature outcomes; <c>unavailable</c> and <c>outcome-unknown</c> entries (counted last) should be sent again.</summary>
public sealed record PaperSignatureReport(int Recorded, int Duplicate, int Invalid, long? Signatures, IReadOnlyList<PaperSignatureOutcome> Entries, int Unavailable = 0, int OutcomeUnknown = 0);

/// <summary>
/// <c>POST /admin/initiatives/{id}/paper-signatures</c>: a paper signature list, deduplicated
/// against online signatures by the same database rule (one signature per person).
/// </summary>
public static class PaperSignatures
{
    private const int Parallelism = 64;

    public static async Task<Results<Ok<PaperSignatureReport>, ProblemHttpResult>> RecordAsync(string initiativeId, HttpRequest request, GrainCalls grains, VoterIdentity identity)
    {
        var (signers, problem) = await JsonBody.ReadAsync(request, GatewayJsonContext.Default.ListSignatureRequest, AdminEditionsApi.MaxPaperBallotsBytes);
        if (problem is not null)
        {
            return problem;
        }
        var initiative = grains.Get<IInitiativeGrain>(initiativeId);
        if (await grains.RunAsync(() => initiative.GetDefinitionAsync()) is null)
        {
            return Problem.InitiativeNotFound(initiativeId);
        }
        var outcomes = new PaperSignatureOutcome[signers!.Count];
        await Parallel.ForAsync(0, signers.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            if (!identity.TryResolve(signers[i].Voter.Pesel, out var voter))
            {
                outcomes[i] = new PaperSignatureOutcome(i, "invalid", Code: ProblemCodes.InvalidPesel, Detail: "The PESEL is not valid.");
                return;
            }
            SignResult result;
            try
            {
                result = await grains.RunAsync(() => grains.Get<IVoterGrain>(voter.Key).SignAsync(new SignInitiative(initiativeId, voter.BirthDate, BallotChannel.Paper)));
            }
            catch (Exception e) when (ItemFailures.Classify(e) is { } failure)
            {
                outcomes[i] = new PaperSignatureOutcome(i, failure.Outcome, Code: failure.Code, Detail: ItemFailures.Detail);
                return;
            }
            outcomes[i] = result.Outcome switch
            {
                SignOutcome.Recorded => new PaperSignatureOutcome(i, "recorded", result.Receipt!.ReceiptId),
                SignOutcome.Replayed => new PaperSignatureOutcome(i, "duplicate", result.Receipt!.ReceiptId, Detail: "This person has signed already."),
                SignOutcome.NotEligible => new PaperSignatureOutcome(i, "invalid", Code: ProblemCodes.VoterNotEligible, Detail: result.Detail),
                SignOutcome.CollectionClosed => new PaperSignatureOutcome(i, "invalid", Code: ProblemCodes.CollectionClosed, Detail: result.Detail),
                _ => new PaperSignatureOutcome(i, "invalid", Code: ProblemCodes.InitiativeNotFound, Detail: result.Detail),
            };
        });
        long? signatures = null;
        try
        {
            signatures = (await grains.RunAsync(() => initiative.GetAsync()))?.Signatures ?? 0;
        }
        catch (Exception e) when (ItemFailures.Classify(e) is not null)
        {
            // The entries were answered: the total is unknown for now, not a reason for a 503 that would say "nothing recorded".
        }
        return TypedResults.Ok(new PaperSignatureReport(
            outcomes.Count(o => o.Outcome == "recorded"),
            outcomes.Count(o => o.Outcome == "duplicate"),
            outcomes.Count(o => o.Outcome == "invalid"),
            signatures,
            outcomes,
            outcomes.Count(o => o.Outcome == "unavailable"),
            outcomes.Count(o => o.Outcome == "outcome-unknown")));
    }
}
