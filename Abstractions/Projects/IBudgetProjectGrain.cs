using Orleans.Concurrency;

namespace Voting.Projects;

/// <summary>
/// One proposal/project of a participatory-budget edition for its whole life: the proposal, its
/// supporters, verification and appeal, then the project with its live tally view and delivery.
/// Key: <c>{editionId}/{projectId}</c> (see <see cref="BudgetProjectKey"/>).
/// </summary>
[Alias("voting.budget-project-grain")]
public interface IBudgetProjectGrain : IGrainWithStringKey
{
    /// <summary>The project with its tally when the edition's results are visible, or null when there is no such project.</summary>
    [Alias("get")]
    Task<ProjectView?> GetAsync();

    /// <summary>Stores the proposal (phase submission); the same draft again is a replay.</summary>
    [Alias("propose")]
    Task<ProposalResult> ProposeAsync(ProposalDraft draft);

    /// <summary>The proposal, or null when there is none.</summary>
    [Alias("get-proposal")]
    Task<ProposalView?> GetProposalAsync();

    /// <summary>Records one supporter (exactly once per voter key).</summary>
    [Alias("support")]
    [AlwaysInterleave] // supporters of one proposal commit in parallel group commits; the ledger's primary key keeps each person to one support, the count is the committed counter
    Task<ProposalResult> SupportAsync(string voterKey);

    /// <summary>The author withdraws the proposal (before verification).</summary>
    [Alias("withdraw")]
    Task<ProposalResult> WithdrawAsync(string authorKey);

    /// <summary>The author appeals a rejection (phase appeals, once).</summary>
    [Alias("appeal")]
    Task<ProposalResult> AppealAsync(string authorKey, string reason);

    /// <summary>An admin's verification (or appeal) decision.</summary>
    [Alias("decide")]
    Task<ProposalResult> DecideAsync(ProposalDecision decision);

    /// <summary>Records the delivery of a project (phase final).</summary>
    [Alias("set-delivery")]
    Task<ProposalResult> SetDeliveryAsync(Delivery delivery);
}

/// <summary>
/// A project as residents see it. <see cref="Votes"/> and <see cref="Score"/> are null while
/// results are hidden; <see cref="Status"/>, <see cref="History"/> and <see cref="Supporters"/>
/// come from the proposal it grew from (null for a project defined with the edition).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.project-view")]
public sealed record ProjectView(
    string EditionId,
    string ProjectId,
    string PoolId,
    string Title,
    long Cost,
    long? Votes,
    long? Score,
    string? Description = null,
    string? Location = null,
    string? Category = null,
    string? Status = null,
    long? Supporters = null,
    IReadOnlyList<ProposalHistoryEntry>? History = null,
    Delivery? Delivery = null);

/// <summary>The grain key of a project: edition id and project id.</summary>
public static class BudgetProjectKey
{
    public static string Of(string editionId, string projectId) => editionId + "/" + projectId;

    public static (string EditionId, string ProjectId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, "") : (key[..slash], key[(slash + 1)..]);
    }
}
