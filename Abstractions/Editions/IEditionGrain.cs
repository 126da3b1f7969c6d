using Orleans.Concurrency;
using Voting.Projects;
using Voting.Results;

namespace Voting.Editions;

/// <summary>An edition's definition, phase and results. Key: the edition id.</summary>
[Alias("voting.edition-grain")]
public interface IEditionGrain : IGrainWithStringKey
{
    /// <summary>Stores a new edition; false when one with this id exists.</summary>
    [Alias("create")]
    Task<bool> CreateAsync(Edition edition);

    /// <summary>
    /// The edition, or null when none has this id. Voter grains may reuse it for a second; the
    /// phase that decides a ballot is checked again when the ballot commits.
    /// </summary>
    [Alias("get")]
    [ReadOnly] // read-only, interleaves with other reads: every voter of the edition asks for it
    Task<Edition?> GetAsync();

    /// <summary>Moves the edition to another phase.</summary>
    [Alias("set-phase")]
    [ResponseTimeout("00:00:30")] // may compute results or write many rows: longer than a vote
    Task<PhaseChange> SetPhaseAsync(string phase, string changedBy);

    /// <summary>The current results (frozen once the edition is final), or null for an unknown edition.</summary>
    [Alias("results")]
    [ReadOnly] // changes no state but a cache of its own answer: many readers interleave, a phase change waits only for those already running
    [ResponseTimeout("00:00:30")] // may compute results or write many rows: longer than a vote
    Task<EditionResults?> GetResultsAsync();

    /// <summary>Adds voter keys (never PESELs) to the edition's voter registry and marks the edition as having one.</summary>
    [Alias("add-to-registry")]
    [ResponseTimeout("00:00:30")] // may compute results or write many rows: longer than a vote
    Task<int> AddToRegistryAsync(IReadOnlyList<string> voterKeys);

    /// <summary>The selections of every counted ballot, without voters, for open-data export.</summary>
    [Alias("counted-ballots")]
    [ResponseTimeout("00:00:30")] // may compute results or write many rows: longer than a vote
    Task<IReadOnlyList<IReadOnlyList<Selection>>> GetCountedBallotsAsync();

    /// <summary>The edition's proposals, filtered and paged (page from 1), or null for an unknown edition.</summary>
    [Alias("list-proposals")]
    [ReadOnly] // reads the ledger only
    Task<ProposalPage?> ListProposalsAsync(string? poolId, string? status, int page, int pageSize);

    /// <summary>The delivery reports of the edition's projects, by project id.</summary>
    [Alias("deliveries")]
    [ReadOnly] // reads the ledger only
    Task<IReadOnlyDictionary<string, Delivery>> GetDeliveriesAsync();

    /// <summary>Counted ballots by pool, hour and channel, or null for an unknown edition.</summary>
    [Alias("turnout")]
    [ReadOnly] // reads the ledger only
    Task<Turnout?> GetTurnoutAsync();
}

/// <summary>What became of a phase change request.</summary>
[GenerateSerializer]
[Alias("voting.phase-change-outcome")]
public enum PhaseChangeOutcome
{
    Changed,
    NotFound,
    NotAllowed,
}

[GenerateSerializer]
[Immutable]
[Alias("voting.phase-change")]
public sealed record PhaseChange(PhaseChangeOutcome Outcome, Edition? Edition, string? Reason = null);
