using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Problems;
using Voting.Projects;

namespace Voting.Gateway.Apis;

/// <summary>Maps the refusals of a proposal request to ProblemDetails, in one place.</summary>
public static class ProposalOutcomes
{
    public static ProblemHttpResult? Problem(ProposalResult result, string editionId, string proposalId) => result.Outcome switch
    {
        ProposalOutcome.EditionNotFound => Problems.Problem.EditionNotFound(editionId),
        ProposalOutcome.ProposalNotFound => Problems.Problem.Of(StatusCodes.Status404NotFound, ProblemCodes.ProposalNotFound, "No such proposal.", $"There is no proposal '{proposalId}' in this edition."),
        ProposalOutcome.PhaseClosed => Problems.Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.PhaseClosed, "The edition is not in the phase for this request.", result.Detail),
        ProposalOutcome.InvalidProposal => Problems.Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidProposal, "The proposal is not valid.", result.Detail),
        ProposalOutcome.InvalidSupport => Problems.Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidSupport, "This support is not allowed.", result.Detail),
        ProposalOutcome.NotAuthor => Problems.Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.NotAuthor, "Only the author may do this.", result.Detail),
        ProposalOutcome.InvalidStatus => Problems.Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.InvalidProposalStatus, "The proposal's status does not allow this.", result.Detail),
        ProposalOutcome.LimitReached => Problems.Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.ProposalLimitReached, "Too many proposals by this author.", result.Detail),
        ProposalOutcome.InvalidDecision => Problems.Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidDecision, "The decision is not valid.", result.Detail),
        ProposalOutcome.InvalidDelivery => Problems.Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidDelivery, "The delivery report is not valid.", result.Detail),
        _ => null,
    };
}
