using System.Data.Common;

namespace Voting.Runtime.Storage;

/// <summary>What differs between the SQL engines the storage runs on; the statements themselves are shared.</summary>
public abstract class SqlDialect
{
    /// <summary>A short name for logs and metrics.</summary>
    public abstract string Name { get; }

    /// <summary>How many group commits may run at once (1 for a single-writer engine).</summary>
    public abstract int MaxConcurrentBatches { get; }

    /// <summary>Opens a connection ready for use (durability settings applied).</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction that takes the write lock up front.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The column type for text and for 64-bit integers.</summary>
    public abstract string TextType { get; }
    public abstract string BigIntType { get; }

    /// <summary>True when the error may pass if the same transaction is tried again.</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>Creates (or migrates) the schema on <paramref name="connection"/>. Idempotent; by default runs <see cref="SchemaStatements"/>.</summary>
    public virtual async Task InitializeSchemaAsync(DbConnection connection, IEnumerable<RowTable> tables, CancellationToken cancellationToken)
    {
        foreach (var statement in SchemaStatements(tables))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Statements that create the schema; each must be idempotent.</summary>
    public virtual IEnumerable<string> SchemaStatements(IEnumerable<RowTable> tables)
    {
        yield return $"CREATE TABLE IF NOT EXISTS counters (scope {TextType} NOT NULL, name {TextType} NOT NULL, shard INTEGER NOT NULL, value {BigIntType} NOT NULL, PRIMARY KEY (scope, name, shard))";
        foreach (var table in tables)
        {
            yield return $"CREATE TABLE IF NOT EXISTS {table.Name} ({table.ScopeColumn} {TextType} NOT NULL, {table.KeyColumn} {TextType} NOT NULL, version {BigIntType} NOT NULL, data {TextType} NOT NULL, PRIMARY KEY ({table.ScopeColumn}, {table.KeyColumn}))";
        }
    }
}
