namespace Voting.Gateway.Problems;

/// <summary>The stable <c>code</c> values of API.md. Clients switch on these.</summary>
public static class ProblemCodes
{
    public const string MalformedRequest = "malformed-request";
    public const string EditionNotFound = "edition-not-found";
    public const string InitiativeNotFound = "initiative-not-found";
    public const string ReceiptNotFound = "receipt-not-found";
    public const string InvalidPesel = "invalid-pesel";
    public const string IdentityRequired = "identity-required";
    public const string VoterNotEligible = "voter-not-eligible";
    public const string VotingNotOpen = "voting-not-open";
    public const string CollectionClosed = "collection-closed";
    public const string InvalidBallot = "invalid-ballot";
    public const string AlreadyVoted = "already-voted";
    public const string Unauthorized = "unauthorized";
    public const string RateLimited = "rate-limited";
    public const string Unavailable = "unavailable";
    public const string OutcomeUnknown = "outcome-unknown";
    public const string ResultsHidden = "results-hidden";
    public const string EditionExists = "edition-exists";
    public const string InitiativeExists = "initiative-exists";
    public const string InvalidEdition = "invalid-edition";
    public const string InvalidInitiative = "invalid-initiative";
    public const string PhaseChangeNotAllowed = "phase-change-not-allowed";
    public const string NotFound = "not-found";
    public const string InternalError = "internal-error";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string PhaseClosed = "phase-closed";
    public const string InvalidSupport = "invalid-support";
    public const string ProposalNotFound = "proposal-not-found";
    public const string ProjectNotFound = "project-not-found";
    public const string InvalidProposal = "invalid-proposal";
    public const string NotAuthor = "not-author";
    public const string InvalidProposalStatus = "invalid-proposal-status";
    public const string ProposalLimitReached = "proposal-limit-reached";
    public const string InvalidDecision = "invalid-decision";
    public const string InvalidDelivery = "invalid-delivery";

    /// <summary>Problems the framework writes itself (unknown route, wrong method, bad request line) get a code too.</summary>
    public static void AddDefaultCode(Microsoft.AspNetCore.Http.ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.ContainsKey("code"))
        {
            return;
        }
        context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
        {
            404 => NotFound,
            405 => MethodNotAllowed,
            400 or 411 or 413 or 415 => MalformedRequest,
            >= 500 => InternalError,
            _ => MalformedRequest,
        };
    }
}
