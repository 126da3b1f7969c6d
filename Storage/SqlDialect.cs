using System.Data.Common;

namespace Voting.Storage;

/// <summary>What differs between the SQL engines the storage runs on; the statements themselves are shared.</summary>
public abstract class SqlDialect
{
    /// <summary>A short name for logs and metrics.</summary>
    public abstract string Name { get; }

    /// <summary>How many group commits may run at once (1 for a single-writer engine).</summary>
    public abstract int MaxConcurrentBatches { get; }

    /// <summary>
    /// True when the engine's calls hold the calling thread until they finish, fsync included
    /// (Microsoft.Data.Sqlite runs its async methods synchronously). The storage's own loops then
    /// run on threads of their own instead of the thread pool's, which has only as many threads
    /// as cores until it notices they are stuck.
    /// </summary>
    public virtual bool BlocksCallingThread => false;

    /// <summary>Opens a connection for reads.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection for a write transaction, with the durability settings applied.</summary>
    public virtual Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>Background upkeep the engine needs while the storage is open (none by default); disposed with the storage.</summary>
    public virtual IAsyncDisposable? StartUpkeep(Microsoft.Extensions.Logging.ILogger logger) => null;

    /// <summary>Statements run once at start, before the schema (engine settings kept in the database).</summary>
    public virtual IEnumerable<string> SetupStatements() => [];

    /// <summary>Begins a write transaction that takes the write lock up front.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Appended to a SELECT that must keep the rows it read from concurrent deletes until the transaction ends.</summary>
    public virtual string LockRowsForShare => "";

    /// <summary>The column type for text and for 64-bit integers.</summary>
    public abstract string TextType { get; }
    public abstract string BigIntType { get; }

    /// <summary>True when the error may pass if the same transaction is tried again.</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>
    /// A command <c>{head} {rows} {tail}</c> where rows feeds <paramref name="rows"/> (each of
    /// <paramref name="columns"/> values) to an INSERT. By default a multi-row VALUES list with
    /// one parameter per value; engines may pass all rows as one parameter instead.
    /// </summary>
    public virtual DbCommand RowsCommand(DbConnection connection, DbTransaction transaction, string head, int columns, IReadOnlyList<object[]> rows, string tail)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder(head).Append(" VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                var name = $"@p{r}_{c}";
                sql.Append(c == 0 ? "" : ", ").Append(name);
                SqlCommands.AddParameter(command, name, rows[r][c]);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(' ').Append(tail).ToString();
        return command;
    }

    /// <summary>Creates (or migrates) the schema on <paramref name="connection"/>. Idempotent; by default runs <see cref="SchemaStatements"/>.</summary>
    public virtual async Task InitializeSchemaAsync(DbConnection connection, IEnumerable<RowTable> tables, CancellationToken cancellationToken)
    {
        foreach (var statement in SetupStatements().Concat(SchemaStatements(tables)))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Statements that create the schema; each must be idempotent.</summary>
    public virtual IEnumerable<string> SchemaStatements(IEnumerable<RowTable> tables)
    {
        yield return $"CREATE TABLE IF NOT EXISTS counters (scope {TextType} NOT NULL, name {TextType} NOT NULL, slot INTEGER NOT NULL, value {BigIntType} NOT NULL, PRIMARY KEY (scope, name, slot))";
        foreach (var table in tables)
        {
            yield return $"CREATE TABLE IF NOT EXISTS {table.Name} ({table.ScopeColumn} {TextType} NOT NULL, {table.KeyColumn} {TextType} NOT NULL, version {BigIntType} NOT NULL, data {TextType} NOT NULL, PRIMARY KEY ({table.ScopeColumn}, {table.KeyColumn}))";
        }
    }
}
