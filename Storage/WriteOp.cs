namespace Voting.Storage;

/// <summary>One write of a <see cref="WriteUnit"/>.</summary>
public abstract record WriteOp;

/// <summary>Inserts a row if none exists for (scope, key). As the first op of a unit it is the unit's guard.</summary>
public sealed record InsertRow(string Table, string Scope, string Key, string Data) : WriteOp;

/// <summary>Replaces a row if its version is still <paramref name="ExpectedVersion"/> (optimistic concurrency). As the first op of a unit it is the unit's guard.</summary>
public sealed record ReplaceRow(string Table, string Scope, string Key, string Data, long ExpectedVersion) : WriteOp;

/// <summary>Writes a row whatever is there.</summary>
public sealed record UpsertRow(string Table, string Scope, string Key, string Data) : WriteOp;

/// <summary>Deletes a row if there is one.</summary>
public sealed record DeleteRow(string Table, string Scope, string Key) : WriteOp;

/// <summary>
/// Adds <paramref name="Delta"/> to the counter (scope, name). Counters are sharded by writer:
/// each concurrent writer adds into its own slot row and reads sum the slots, so no counter row
/// is ever a point of contention.
/// </summary>
public sealed record AddToCounter(string Scope, string Name, long Delta) : WriteOp;

/// <summary>
/// A row that must exist when the unit commits (checked inside the unit's transaction, and held
/// there until it commits, so a concurrent unit deleting the row waits or wins cleanly).
/// </summary>
public sealed record RowGate(string Table, string Scope, string Key);

/// <summary>
/// Writes that commit together or not at all. Only the first op may be a guard
/// (<see cref="InsertRow"/> or <see cref="ReplaceRow"/>); if the guard fails, nothing of the
/// unit is written and the current row is returned. With a <paramref name="Gate"/>, the unit is
/// written only if the gate row exists at commit time (else <see cref="WriteOutcome.GateClosed"/>).
/// </summary>
public sealed record WriteUnit(IReadOnlyList<WriteOp> Ops, RowGate? Gate = null);

/// <summary>What became of a unit.</summary>
public enum WriteOutcome
{
    Committed,

    /// <summary>The guard failed: a row exists already (insert) or its version moved (replace).</summary>
    GuardFailed,

    /// <summary>The unit's gate row was missing at commit time: nothing was written.</summary>
    GateClosed,
}

/// <summary>The outcome of a unit; on <see cref="WriteOutcome.GuardFailed"/>, the row found (null if none).</summary>
public sealed record WriteResult(WriteOutcome Outcome, StoredRow? Current = null)
{
    public static readonly WriteResult Committed = new(WriteOutcome.Committed);
    public static readonly WriteResult GateClosed = new(WriteOutcome.GateClosed);
}
