using Voting.Editions;

namespace Voting.Gateway.Requests;

/// <summary>The voter part of a request. The PESEL is turned into a voter key at once and never kept.</summary>
public sealed record VoterDto(string Pesel, string? District = null);

/// <summary>Body of <c>POST /editions/{id}/ballots</c> and an item of the paper-ballot upload.</summary>
public sealed record BallotRequest(VoterDto Voter, IReadOnlyList<Selection> Selections);

/// <summary>Body of <c>POST /initiatives/{id}/signatures</c>.</summary>
public sealed record SignatureRequest(VoterDto Voter);

/// <summary>Body of <c>POST /admin/editions/{id}/phase</c>.</summary>
public sealed record PhaseRequest(string Phase);

/// <summary>The outcome of one paper ballot: recorded, duplicate or invalid (with reasons).</summary>
public sealed record PaperBallotOutcome(int Index, string Outcome, string? ReceiptId = null, string? Code = null, IReadOnlyList<BallotError>? Errors = null, string? Detail = null);

/// <summary>Answer of the paper-ballot upload.</summary>
/// <summary>Per-ballot outcomes; <c>unavailable</c> and <c>outcome-unknown</c> items (counted last) should be sent again.</summary>
public sealed record PaperBallotReport(int Recorded, int Duplicate, int Invalid, IReadOnlyList<PaperBallotOutcome> Ballots, int Unavailable = 0, int OutcomeUnknown = 0);

/// <summary>Body of <c>POST /editions/{id}/proposals</c>.</summary>
public sealed record ProposalRequest(VoterDto Author, string PoolId, string Title, string Description, long CostEstimate, string? Location = null, string? Category = null);

/// <summary>Body of the author's requests (withdraw).</summary>
public sealed record AuthorRequest(VoterDto Author);

/// <summary>Body of <c>POST /editions/{id}/proposals/{proposalId}/appeal</c>.</summary>
public sealed record AppealRequest(VoterDto Author, string Reason);

/// <summary>Body of the admin's decision on a proposal.</summary>
public sealed record DecisionRequest(string Decision, string? Justification = null, long? VerifiedCost = null);

/// <summary>Body of the admin's delivery report.</summary>
public sealed record DeliveryRequest(string Status, int Percent, string? Note = null);

/// <summary>Answer of a proposal submission.</summary>
public sealed record ProposalCreated(string ProposalId, string Status);
