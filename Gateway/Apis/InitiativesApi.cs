using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Hosting;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Gateway.Identity;
using Voting.Initiatives;
using Voting.Voters;

namespace Voting.Gateway.Apis;

/// <summary>Residents read initiatives and sign them.</summary>
public static class InitiativesApi
{
    public static RouteGroupBuilder MapInitiativesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/initiatives").WithTags("Initiatives").WithResidentRateLimit(routes).WithIdChecks();
        group.MapGet("/{initiativeId}", GetInitiative);
        group.MapPost("/{initiativeId}/signatures", Sign);
        return group;
    }

    public static async Task<Results<Ok<InitiativeView>, ProblemHttpResult>> GetInitiative(string initiativeId, GrainCalls grains)
    {
        var view = await grains.RunAsync(() => grains.Get<IInitiativeGrain>(initiativeId).GetAsync());
        return view is null ? Problem.InitiativeNotFound(initiativeId) : TypedResults.Ok(view);
    }

    public static async Task<Results<Created<SignatureReceipt>, Ok<SignatureReceipt>, ProblemHttpResult>> Sign(
        string initiativeId, HttpRequest request, GrainCalls grains, VoterResolver identity)
    {
        var (body, voter, problem) = await identity.ReadAsync(request, GatewayJsonContext.Default.ResidentSignatureRequest, sent => sent.Voter, "voter");
        if (problem is not null)
        {
            return problem;
        }
        var result = await grains.RunAsync(() => grains.Get<IVoterGrain>(voter.Key).SignAsync(new SignInitiative(initiativeId, voter.BirthDate)));
        return result.Outcome switch
        {
            SignOutcome.Recorded => TypedResults.Created($"/api/v1/receipts/{result.Receipt!.ReceiptId}", result.Receipt),
            SignOutcome.Replayed => TypedResults.Ok(result.Receipt!),
            SignOutcome.InitiativeNotFound => Problem.InitiativeNotFound(initiativeId),
            SignOutcome.CollectionClosed => Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.CollectionClosed, "The initiative is not collecting signatures.", result.Detail),
            SignOutcome.NotEligible => Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.VoterNotEligible, "The signer may not sign.", result.Detail),
            _ => throw new InvalidOperationException($"Unknown outcome {result.Outcome}."),
        };
    }
}
