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
