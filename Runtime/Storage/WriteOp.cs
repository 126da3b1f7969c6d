namespace Voting.Runtime.Storage;

/// <summary>One write of a <see cref="WriteUnit"/>.</summary>
public abstract record WriteOp;

/// <summary>Inserts a row if none exists for (scope, key). As the first op of a unit it is the unit's guard.</summary>
public sealed record InsertRow(string Table, string Scope, string Key, string Data) : WriteOp;

/// <summary>Replaces a row if its version is still <paramref name="ExpectedVersion"/> (optimistic concurrency). As the first op of a unit it is the unit's guard.</summary>
public sealed record ReplaceRow(string Table, string Scope, string Key, string Data, long ExpectedVersion) : WriteOp;

/// <summary>Writes a row whatever is there.</summary>
public sealed record UpsertRow(string Table, string Scope, string Key, string Data) : WriteOp;

/// <summary>
/// Adds <paramref name="Delta"/> to the counter (scope, name). Counters are sharded by writer:
/// each concurrent writer adds into its own slot row and reads sum the slots, so no counter row
/// is ever a point of contention.
/// </summary>
public sealed record AddToCounter(string Scope, string Name, long Delta) : WriteOp;

/// <summary>
/// Writes that commit together or not at all. Only the first op may be a guard
/// (<see cref="InsertRow"/> or <see cref="ReplaceRow"/>); if the guard fails, nothing of the
/// unit is written and the current row is returned. The shard fences the unit: it is written
/// only while the writer owns that shard.
/// </summary>
public sealed record WriteUnit(int Shard, IReadOnlyList<WriteOp> Ops);

/// <summary>What became of a unit.</summary>
public enum WriteOutcome
{
    Committed,

    /// <summary>The guard failed: a row exists already (insert) or its version moved (replace).</summary>
    GuardFailed,

    /// <summary>The writer no longer owns the unit's shard: nothing was written.</summary>
    NotOwner,
}

/// <summary>The outcome of a unit; on <see cref="WriteOutcome.GuardFailed"/>, the row found (null if none).</summary>
public sealed record WriteResult(WriteOutcome Outcome, StoredRow? Current = null)
{
    public static readonly WriteResult Committed = new(WriteOutcome.Committed);
    public static readonly WriteResult NotOwner = new(WriteOutcome.NotOwner);
}
