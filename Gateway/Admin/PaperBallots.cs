using Voting.Gateway.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Editions;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Gateway.Voters;

namespace Voting.Gateway.Admin;

/// <summary><c>POST /admin/editions/{id}/paper-ballots</c>: a per-ballot report (recorded / duplicate / invalid).</summary>
public static class PaperBallots
{
    public static async Task<Results<Ok<PaperBallotReport>, ProblemHttpResult>> RecordAsync(
        string editionId, HttpRequest request, GrainCalls grains, VoterIdentity identity, PaperBallotRecorder recorder)
    {
        var (ballots, problem) = await JsonBody.ReadAsync(request, GatewayJsonContext.Default.ListBallotRequest, AdminEditionsApi.MaxPaperBallotsBytes);
        if (problem is not null)
        {
            return problem;
        }
        if (await grains.RunAsync(() => grains.Get<IEditionGrain>(editionId).GetAsync()) is null)
        {
            return Problem.EditionNotFound(editionId);
        }
        var resolved = ballots!.Select(b => identity.TryResolve(b.Voter.Pesel, out var voter)
            ? new PaperBallot(voter.Key, voter.BirthDate, b.Voter.District, b.Selections)
            : null).ToList();
        var outcomes = await recorder.RecordAsync(editionId, resolved);
        return TypedResults.Ok(PaperBallotRecorder.Report(outcomes));
    }
}
