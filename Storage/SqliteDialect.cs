using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Voting.Storage;

/// <summary>SQLite for embedded mode: WAL journal, synchronous=FULL (a commit survives power loss), one writer.</summary>
public sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    public SqliteDialect(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Name => "sqlite";

    public override int MaxConcurrentBatches => 1;

    public override bool BlocksCallingThread => true;

    public override string TextType => "TEXT";

    public override string BigIntType => "INTEGER";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// The writer's own automatic checkpoint, in pages (SQLite's default is 1,000): only a bound
    /// on the WAL's size for when <see cref="SqliteCheckpointer"/> falls behind.
    /// </summary>
    public const int FallbackCheckpointPages = 10_000;

    public override IAsyncDisposable StartUpkeep(Microsoft.Extensions.Logging.ILogger logger) => new SqliteCheckpointer(this, logger);

    /// <summary>
    /// Per-connection settings of the writer. synchronous=FULL makes each commit fsync the WAL (the
    /// WAL is copied back by <see cref="SqliteCheckpointer"/>, not inside a commit). temp_store=MEMORY
    /// keeps each statement's undo journal in memory: a multi-row statement inside a transaction
    /// saves the old image of every page it changes, and by default SQLite spills that journal to a
    /// temporary file after 64 KiB, so every batch created, wrote and deleted a file of its own.
    /// The journal lives only until its statement ends, so memory is all it ever needs.
    /// </summary>
    public override async Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint={FallbackCheckpointPages};";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>The WAL journal mode is kept in the database file once set.</summary>
    public override IEnumerable<string> SetupStatements() => ["PRAGMA journal_mode=WAL"];

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // deferred: false → BEGIN IMMEDIATE: the write lock is taken now, not at the first write.
        return await Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    /// <summary>
    /// All rows travel as one JSON array parameter read by <c>json_each</c>: binding thousands of
    /// named parameters costs more than the inserts themselves.
    /// </summary>
    public override DbCommand RowsCommand(DbConnection connection, DbTransaction transaction, string head, int columns, IReadOnlyList<object[]> rows, string tail)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var select = string.Join(", ", Enumerable.Range(0, columns).Select(c => $"json_extract(value, '$[{c}]')"));
        // "WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
        command.CommandText = $"{head} SELECT {select} FROM json_each(@rows) WHERE true {tail}";
        command.Parameters.Add(new SqliteParameter("@rows", JsonRows.Write(rows)));
        return command;
    }

    public override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED
}
