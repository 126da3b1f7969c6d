using Voting.Editions;

namespace Voting.Gateway.Requests;

/// <summary>The voter part of a request. The PESEL is turned into a voter key at once and never kept.</summary>
public sealed record VoterDto(string Pesel, string? District = null);

/// <summary>
/// The voter part of a resident request: the PESEL is required in <c>pesel</c> mode (checked by
/// <see cref="Identity.VoterResolver"/>, 400 when missing) and optional in <c>oidc</c> mode; in
/// <c>email-code</c> mode <see cref="Code"/> is the one-time code sent by e-mail.
/// </summary>
public sealed record ResidentVoterDto(string? Pesel = null, string? District = null, string? Code = null);

/// <summary>Body of <c>POST /editions/{id}/ballots</c> (a resident; paper ballots use <see cref="BallotRequest"/>).</summary>
public sealed record ResidentBallotRequest(IReadOnlyList<Selection> Selections, ResidentVoterDto? Voter = null);

/// <summary>Body of <c>POST /initiatives/{id}/signatures</c> and of a proposal's support (a resident).</summary>
public sealed record ResidentSignatureRequest(ResidentVoterDto? Voter = null);

/// <summary>An item of the paper-ballot upload.</summary>
public sealed record BallotRequest(VoterDto Voter, IReadOnlyList<Selection> Selections);

/// <summary>An item of the paper-signature upload.</summary>
public sealed record SignatureRequest(VoterDto Voter);

/// <summary>Body of <c>POST /admin/editions/{id}/phase</c>.</summary>
public sealed record PhaseRequest(string Phase);

/// <summary>The outcome of one paper ballot: recorded, duplicate or invalid (with reasons).</summary>
public sealed record PaperBallotOutcome(int Index, string Outcome, string? ReceiptId = null, string? Code = null, IReadOnlyList<BallotError>? Errors = null, string? Detail = null);

/// <summary>Answer of the paper-ballot upload.</summary>
/// <summary>Per-ballot outcomes; <c>unavailable</c> and <c>outcome-unknown</c> items (counted last) should be sent again.</summary>
public sealed record PaperBallotReport(int Recorded, int Duplicate, int Invalid, IReadOnlyList<PaperBallotOutcome> Ballots, int Unavailable = 0, int OutcomeUnknown = 0);

/// <summary>Body of <c>POST /editions/{id}/proposals</c>.</summary>
public sealed record ProposalRequest(string PoolId, string Title, string Description, long CostEstimate, string? Location = null, string? Category = null, ResidentVoterDto? Author = null);

/// <summary>Body of the author's requests (withdraw).</summary>
public sealed record AuthorRequest(ResidentVoterDto? Author = null);

/// <summary>Body of <c>POST /editions/{id}/proposals/{proposalId}/appeal</c>.</summary>
public sealed record AppealRequest(string Reason, ResidentVoterDto? Author = null);

/// <summary>Body of the admin's decision on a proposal.</summary>
public sealed record DecisionRequest(string Decision, string? Justification = null, long? VerifiedCost = null);

/// <summary>Body of the admin's delivery report.</summary>
public sealed record DeliveryRequest(string Status, int Percent, string? Note = null);

/// <summary>Answer of a proposal submission.</summary>
public sealed record ProposalCreated(string ProposalId, string Status);
