namespace Voting.Projects;

/// <summary>A resident's proposal as submitted. <see cref="AuthorKey"/> is the author's voter key (never a PESEL, never shown).</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.proposal-draft")]
public sealed record ProposalDraft(string AuthorKey, string PoolId, string Title, string Description, long CostEstimate, string? Location, string? Category);

/// <summary>One change of a proposal's status.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.proposal-history-entry")]
public sealed record ProposalHistoryEntry(string Status, DateTimeOffset At, string? Note = null);

/// <summary>A proposal as residents see it (API.md 1.1): no author.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.proposal-view")]
public sealed record ProposalView(
    string ProposalId,
    string PoolId,
    string Title,
    string Description,
    long CostEstimate,
    long? VerifiedCost,
    string? Location,
    string? Category,
    string Status,
    long Supporters,
    IReadOnlyList<ProposalHistoryEntry> History);

/// <summary>A page of proposals.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.proposal-page")]
public sealed record ProposalPage(IReadOnlyList<ProposalView> Items, int Page, int PageSize, int Total);

/// <summary>The receipt of one support.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.support-receipt")]
public sealed record SupportReceipt(string ReceiptId, long Supporters);

/// <summary>An admin's verification decision.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.proposal-decision")]
public sealed record ProposalDecision(string Decision, long? VerifiedCost, string? Justification);

/// <summary>How a winning project is being delivered.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.delivery")]
public sealed record Delivery(string Status, int Percent, DateTimeOffset UpdatedAt, string? Note = null);

public static class ProposalStatus
{
    public const string CollectingSupport = "collecting-support";
    public const string Submitted = "submitted";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Appealed = "appealed";
    public const string AcceptedOnAppeal = "accepted-on-appeal";
    public const string RejectedFinal = "rejected-final";
    public const string Withdrawn = "withdrawn";

    public static bool IsKnown(string status) => status is CollectingSupport or Submitted or Accepted or Rejected or Appealed or AcceptedOnAppeal or RejectedFinal or Withdrawn;

    /// <summary>The proposal becomes a project when voting opens.</summary>
    public static bool GoesToVote(string status) => status is Accepted or AcceptedOnAppeal;
}

public static class DeliveryStatus
{
    public static bool IsKnown(string status) => status is "planned" or "in-progress" or "done" or "abandoned";
}

/// <summary>What became of a proposal request.</summary>
[GenerateSerializer]
[Alias("voting.proposal-outcome")]
public enum ProposalOutcome
{
    Recorded,
    Replayed,
    Changed,
    EditionNotFound,
    ProposalNotFound,
    PhaseClosed,
    InvalidProposal,
    InvalidSupport,
    NotAuthor,
    InvalidStatus,
    LimitReached,
    InvalidDecision,
    InvalidDelivery,
}

/// <summary>The outcome of a proposal request, with the proposal (or the support receipt) when there is one.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.proposal-result")]
public sealed record ProposalResult(ProposalOutcome Outcome, ProposalView? Proposal = null, SupportReceipt? Receipt = null, string? Detail = null);

/// <summary>Turnout for officials: counted ballots by pool, by hour (UTC) and by channel.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.turnout")]
public sealed record Turnout(long Ballots, IReadOnlyList<PoolTurnout> ByPool, IReadOnlyList<HourTurnout> ByHour, ChannelTurnout Channels);

[GenerateSerializer]
[Immutable]
[Alias("voting.pool-turnout")]
public sealed record PoolTurnout(string PoolId, long Ballots);

[GenerateSerializer]
[Immutable]
[Alias("voting.hour-turnout")]
public sealed record HourTurnout(DateTimeOffset Hour, long Ballots);

[GenerateSerializer]
[Immutable]
[Alias("voting.channel-turnout")]
public sealed record ChannelTurnout(long Online, long Paper);
