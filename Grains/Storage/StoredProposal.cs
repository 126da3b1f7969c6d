using Voting.Projects;

namespace Voting.Grains.Storage;

/// <summary>A proposal row (table <c>proposals</c>, key: edition and proposal id). The author is a voter key, never a PESEL.</summary>
public sealed record StoredProposal(
    string ProposalId,
    string AuthorKey,
    string PoolId,
    string Title,
    string Description,
    long CostEstimate,
    string? Location,
    string? Category,
    string Status,
    IReadOnlyList<ProposalHistoryEntry> History,
    long? VerifiedCost = null,
    string? AppealReason = null,
    int MinSupporters = 0)
{
    /// <summary>
    /// The status as the committed supporters make it: a proposal collecting support is submitted
    /// from the moment the committed count reaches <see cref="MinSupporters"/>, even before its row says so.
    /// </summary>
    public string StatusWith(long supporters) =>
        Status == ProposalStatus.CollectingSupport && supporters >= MinSupporters ? ProposalStatus.Submitted : Status;

    /// <summary>The row as it should be stored once <paramref name="supporters"/> are committed (the move to submitted written down).</summary>
    public StoredProposal Settled(long supporters, DateTimeOffset at) =>
        StatusWith(supporters) == Status ? this : Moved(ProposalStatus.Submitted, at);

    public StoredProposal Moved(string status, DateTimeOffset at, string? note = null) =>
        this with { Status = status, History = [.. History, new ProposalHistoryEntry(status, at, note)] };

    public ProposalView View(long supporters) =>
        new(ProposalId, PoolId, Title, Description, CostEstimate, VerifiedCost, Location, Category, StatusWith(supporters), supporters, History);

    public bool SameDraft(ProposalDraft draft) =>
        AuthorKey == draft.AuthorKey && PoolId == draft.PoolId && Title == draft.Title && Description == draft.Description
        && CostEstimate == draft.CostEstimate && Location == draft.Location && Category == draft.Category;
}

/// <summary>A support row (table <c>supports</c>, key: proposal and voter key).</summary>
public sealed record StoredSupport(string ReceiptId, DateTimeOffset SupportedAt);
