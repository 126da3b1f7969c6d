namespace Voting.Storage;

/// <summary>
/// A table of versioned rows keyed by (scope, key), declared by the application. The primary
/// key is <c>(ScopeColumn, KeyColumn)</c>, so the database itself refuses a second row for the
/// same pair.
/// </summary>
public sealed record RowTable(string Name, string ScopeColumn, string KeyColumn);

/// <summary>A stored row: its data (JSON text) and its version (the ETag; 1 after insert).</summary>
public sealed record StoredRow(string Data, long Version);

/// <summary>A stored row with its key, as listed by a scope read.</summary>
public sealed record KeyedRow(string Key, string Data, long Version);
