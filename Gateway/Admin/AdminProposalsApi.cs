using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Apis;
using Voting.Gateway.Hosting;
using Voting.Gateway.Requests;
using Voting.Projects;

namespace Voting.Gateway.Admin;

/// <summary>Admin: verification and appeal decisions on proposals, delivery reports of projects.</summary>
public static class AdminProposalsApi
{
    public static RouteGroupBuilder MapAdminProposalsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/editions/{editionId}").WithTags("Admin").AddEndpointFilter<AdminAuthFilter>();
        group.MapPost("/proposals/{proposalId}/decision", Decide);
        group.MapPost("/projects/{projectId}/delivery", Deliver);
        return group;
    }

    public static async Task<Results<Ok<ProposalView>, ProblemHttpResult>> Decide(string editionId, string proposalId, HttpRequest request, GrainCalls grains)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, GatewayJsonContext.Default.DecisionRequest);
        if (problem is not null)
        {
            return problem;
        }
        var decision = new ProposalDecision(body!.Decision, body.VerifiedCost, body.Justification);
        var result = await grains.RunAsync(() => grains.Get<IBudgetProjectGrain>(BudgetProjectKey.Of(editionId, proposalId)).DecideAsync(decision));
        return ProposalOutcomes.Problem(result, editionId, proposalId) is { } refused ? refused : TypedResults.Ok(result.Proposal!);
    }

    public static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> Deliver(string editionId, string projectId, HttpRequest request, GrainCalls grains, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, GatewayJsonContext.Default.DeliveryRequest);
        if (problem is not null)
        {
            return problem;
        }
        var grain = grains.Get<IBudgetProjectGrain>(BudgetProjectKey.Of(editionId, projectId));
        var delivery = new Delivery(body!.Status, body.Percent, time.GetUtcNow(), body.Note);
        var result = await grains.RunAsync(() => grain.SetDeliveryAsync(delivery));
        if (result.Outcome == ProposalOutcome.ProposalNotFound)
        {
            return Problems.Problem.Of(StatusCodes.Status404NotFound, Problems.ProblemCodes.ProjectNotFound, "No such project.", $"There is no project '{projectId}' in edition '{editionId}'.");
        }
        if (ProposalOutcomes.Problem(result, editionId, projectId) is { } refused)
        {
            return refused;
        }
        return TypedResults.Ok((await grains.RunAsync(() => grain.GetAsync()))!);
    }
}
