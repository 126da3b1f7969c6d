using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Editions;
using Voting.Gateway.Hosting;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Gateway.Identity;
using Voting.Grains.Projects;
using Voting.Projects;

namespace Voting.Gateway.Apis;

/// <summary>Residents propose, support, withdraw and appeal; everyone reads proposals, projects and turnout.</summary>
public static class ProposalsApi
{
    public const int PageSize = 20;

    public static RouteGroupBuilder MapProposalsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/editions/{editionId}").WithTags("Proposals").WithResidentRateLimit(routes);
        group.MapPost("/proposals", Propose);
        group.MapGet("/proposals", ListProposals);
        group.MapGet("/proposals/{proposalId}", GetProposal);
        group.MapPost("/proposals/{proposalId}/supporters", Support);
        group.MapPost("/proposals/{proposalId}/withdraw", Withdraw);
        group.MapPost("/proposals/{proposalId}/appeal", Appeal);
        group.MapGet("/projects/{projectId}", GetProject);
        group.MapGet("/turnout", GetTurnout);
        return group;
    }

    private static IBudgetProjectGrain Grain(GrainCalls grains, string editionId, string proposalId) =>
        grains.Get<IBudgetProjectGrain>(BudgetProjectKey.Of(editionId, proposalId));

    public static async Task<Results<Created<ProposalCreated>, Ok<ProposalCreated>, ProblemHttpResult>> Propose(
        string editionId, HttpRequest request, GrainCalls grains, VoterResolver identity)
    {
        var (body, author, problem) = await identity.ReadAsync(request, GatewayJsonContext.Default.ProposalRequest, sent => sent.Author, "author");
        if (problem is not null)
        {
            return problem;
        }
        var draft = new ProposalDraft(author.Key, body.PoolId, body.Title, body.Description, body.CostEstimate, body.Location, body.Category);
        var proposalId = ProposalRules.IdOf(draft);
        var result = await grains.RunAsync(() => Grain(grains, editionId, proposalId).ProposeAsync(draft));
        if (ProposalOutcomes.Problem(result, editionId, proposalId) is { } refused)
        {
            return refused;
        }
        var created = new ProposalCreated(proposalId, result.Proposal!.Status);
        return result.Outcome == ProposalOutcome.Recorded
            ? TypedResults.Created($"/api/v1/editions/{editionId}/proposals/{proposalId}", created)
            : TypedResults.Ok(created);
    }

    public static async Task<Results<Ok<ProposalPage>, ProblemHttpResult>> ListProposals(string editionId, GrainCalls grains, string? poolId, string? status, int? page)
    {
        if (page is < 1)
        {
            return Problem.Malformed("page starts at 1.");
        }
        if (status is not null && !ProposalStatus.IsKnown(status))
        {
            return Problem.Malformed($"status '{status}' is not a proposal status.");
        }
        var list = await grains.RunAsync(() => grains.Get<IEditionGrain>(editionId).ListProposalsAsync(poolId, status, page ?? 1, PageSize));
        return list is null ? Problem.EditionNotFound(editionId) : TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<ProposalView>, ProblemHttpResult>> GetProposal(string editionId, string proposalId, GrainCalls grains)
    {
        var view = await grains.RunAsync(() => Grain(grains, editionId, proposalId).GetProposalAsync());
        return view is null
            ? ProposalOutcomes.Problem(new ProposalResult(ProposalOutcome.ProposalNotFound), editionId, proposalId)!
            : TypedResults.Ok(view);
    }

    public static async Task<Results<Created<SupportReceipt>, Ok<SupportReceipt>, ProblemHttpResult>> Support(
        string editionId, string proposalId, HttpRequest request, GrainCalls grains, VoterResolver identity)
    {
        var (body, voter, problem) = await identity.ReadAsync(request, GatewayJsonContext.Default.ResidentSignatureRequest, sent => sent.Voter, "voter");
        if (problem is not null)
        {
            return problem;
        }
        var result = await grains.RunAsync(() => Grain(grains, editionId, proposalId).SupportAsync(voter.Key));
        if (ProposalOutcomes.Problem(result, editionId, proposalId) is { } refused)
        {
            return refused;
        }
        return result.Outcome == ProposalOutcome.Recorded
            ? TypedResults.Created($"/api/v1/editions/{editionId}/proposals/{proposalId}", result.Receipt!)
            : TypedResults.Ok(result.Receipt!);
    }

    public static async Task<Results<Ok<ProposalView>, ProblemHttpResult>> Withdraw(
        string editionId, string proposalId, HttpRequest request, GrainCalls grains, VoterResolver identity)
    {
        var (body, author, problem) = await identity.ReadAsync(request, GatewayJsonContext.Default.AuthorRequest, sent => sent.Author, "author");
        if (problem is not null)
        {
            return problem;
        }
        var result = await grains.RunAsync(() => Grain(grains, editionId, proposalId).WithdrawAsync(author.Key));
        return ProposalOutcomes.Problem(result, editionId, proposalId) is { } refused ? refused : TypedResults.Ok(result.Proposal!);
    }

    public static async Task<Results<Created<ProposalView>, Ok<ProposalView>, ProblemHttpResult>> Appeal(
        string editionId, string proposalId, HttpRequest request, GrainCalls grains, VoterResolver identity)
    {
        var (body, author, problem) = await identity.ReadAsync(request, GatewayJsonContext.Default.AppealRequest, sent => sent.Author, "author");
        if (problem is not null)
        {
            return problem;
        }
        var result = await grains.RunAsync(() => Grain(grains, editionId, proposalId).AppealAsync(author.Key, body.Reason));
        if (ProposalOutcomes.Problem(result, editionId, proposalId) is { } refused)
        {
            return refused;
        }
        return result.Outcome == ProposalOutcome.Recorded
            ? TypedResults.Created($"/api/v1/editions/{editionId}/proposals/{proposalId}", result.Proposal!)
            : TypedResults.Ok(result.Proposal!);
    }

    public static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> GetProject(string editionId, string projectId, GrainCalls grains)
    {
        var view = await grains.RunAsync(() => Grain(grains, editionId, projectId).GetAsync());
        return view is null
            ? Problem.Of(StatusCodes.Status404NotFound, ProblemCodes.ProjectNotFound, "No such project.", $"There is no project '{projectId}' in edition '{editionId}'.")
            : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<Turnout>, ProblemHttpResult>> GetTurnout(string editionId, GrainCalls grains)
    {
        var grain = grains.Get<IEditionGrain>(editionId);
        var edition = await grains.RunAsync(() => grain.GetAsync());
        if (edition is null)
        {
            return Problem.EditionNotFound(editionId);
        }
        if (!EditionPhase.VotingOpened(edition.Phase))
        {
            return Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.VotingNotOpen, "Voting has not opened.", "Turnout is published once voting opens.");
        }
        var turnout = await grains.RunAsync(() => grain.GetTurnoutAsync());
        return turnout is null ? Problem.EditionNotFound(editionId) : TypedResults.Ok(turnout);
    }
}
