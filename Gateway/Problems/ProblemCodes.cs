namespace Voting.Gateway.Problems;

/// <summary>The stable <c>code</c> values of API.md. Clients switch on these.</summary>
public static class ProblemCodes
{
    public const string MalformedRequest = "malformed-request";
    public const string EditionNotFound = "edition-not-found";
    public const string InitiativeNotFound = "initiative-not-found";
    public const string ReceiptNotFound = "receipt-not-found";
    public const string InvalidPesel = "invalid-pesel";
    public const string VoterNotEligible = "voter-not-eligible";
    public const string VotingNotOpen = "voting-not-open";
    public const string CollectionClosed = "collection-closed";
    public const string InvalidBallot = "invalid-ballot";
    public const string AlreadyVoted = "already-voted";
    public const string Unauthorized = "unauthorized";
    public const string RateLimited = "rate-limited";
    public const string Unavailable = "unavailable";
    public const string ResultsHidden = "results-hidden";
    public const string EditionExists = "edition-exists";
    public const string InitiativeExists = "initiative-exists";
    public const string InvalidEdition = "invalid-edition";
    public const string InvalidInitiative = "invalid-initiative";
    public const string PhaseChangeNotAllowed = "phase-change-not-allowed";
    public const string NotFound = "not-found";
    public const string InternalError = "internal-error";
}
