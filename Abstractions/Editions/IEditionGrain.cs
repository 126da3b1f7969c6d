using Voting.Results;
using Voting.Runtime.Grains;

namespace Voting.Editions;

/// <summary>An edition's definition, phase and results. Key: the edition id.</summary>
[GrainType("edition")]
public interface IEditionGrain : IGrain
{
    /// <summary>Stores a new edition; false when one with this id exists.</summary>
    Task<bool> CreateAsync(Edition edition);

    /// <summary>
    /// The edition, or null when none has this id. Other processes may reuse it for a second:
    /// in cluster mode a phase change made by an admin reaches every silo within that second
    /// (the voting window's times apply exactly everywhere).
    /// </summary>
    [ReadOnly(CacheMilliseconds = 1000)]
    Task<Edition?> GetAsync();

    /// <summary>Moves the edition to another phase.</summary>
    Task<PhaseChange> SetPhaseAsync(string phase, string changedBy);

    /// <summary>The current results (frozen once the edition is final), or null for an unknown edition.</summary>
    Task<EditionResults?> GetResultsAsync();

    /// <summary>Adds voter keys (never PESELs) to the edition's voter registry and marks the edition as having one.</summary>
    Task<int> AddToRegistryAsync(IReadOnlyList<string> voterKeys);

    /// <summary>The selections of every counted ballot, without voters, for open-data export.</summary>
    Task<IReadOnlyList<IReadOnlyList<Selection>>> GetCountedBallotsAsync();
}

/// <summary>What became of a phase change request.</summary>
public enum PhaseChangeOutcome
{
    Changed,
    NotFound,
    NotAllowed,
}

public sealed record PhaseChange(PhaseChangeOutcome Outcome, Edition? Edition, string? Reason = null);
