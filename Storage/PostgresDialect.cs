using System.Data;
using System.Data.Common;
using Npgsql;

namespace Voting.Storage;

/// <summary>
/// PostgreSQL for cluster mode: pooled connections from one <see cref="NpgsqlDataSource"/>,
/// <c>synchronous_commit = on</c> on every session (a commit is acknowledged only once it is
/// durable), several group commits in flight, schema migrations versioned in <c>schema_version</c>.
/// </summary>
public sealed class PostgresDialect : SqlDialect, IAsyncDisposable
{
    /// <summary>The advisory lock that serialises schema migrations of concurrently starting processes.</summary>
    private const long SchemaLockKey = 0x566F74696E67;

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxConcurrentBatches;

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="maxConcurrentBatches">Group commits in flight at once.</param>
    /// <param name="idleInTransactionTimeout">
    /// The server ends a session that sits idle inside a transaction this long (default 2 s): a
    /// writer that was paused mid-batch (SIGSTOP, a long GC, a partition) then loses its locks
    /// and its uncommitted writes, so it cannot hold gate rows (and so a phase change) or ballot keys hostage.
    /// </param>
    public PostgresDialect(string connectionString, int maxConcurrentBatches = 4, TimeSpan? idleInTransactionTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var idle = (int)(idleInTransactionTimeout ?? TimeSpan.FromSeconds(2)).TotalMilliseconds;
        var settings = $"-c synchronous_commit=on -c idle_in_transaction_session_timeout={idle}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? settings : builder.Options + " " + settings;
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }
        _dataSource = NpgsqlDataSource.Create(builder);
        _maxConcurrentBatches = maxConcurrentBatches;
    }

    /// <summary>The pool, for components that share the database (the Orleans membership schema).</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    public override string Name => "postgres";

    public override int MaxConcurrentBatches => _maxConcurrentBatches;

    public override string LockRowsForShare => " FOR SHARE";

    public override string TextType => "text";

    public override string BigIntType => "bigint";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    /// <summary>All rows travel as one array parameter per column, unrolled by <c>unnest</c>.</summary>
    public override DbCommand RowsCommand(DbConnection connection, DbTransaction transaction, string head, int columns, IReadOnlyList<object[]> rows, string tail)
    {
        var command = new NpgsqlCommand { Connection = (NpgsqlConnection)connection, Transaction = (NpgsqlTransaction)transaction };
        var names = new string[columns];
        for (var c = 0; c < columns; c++)
        {
            names[c] = "@c" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(new NpgsqlParameter(names[c], ColumnArray(rows, c)));
        }
        command.CommandText = $"{head} SELECT * FROM unnest({string.Join(", ", names)}) WHERE true {tail}";
        return command;
    }

    private static Array ColumnArray(IReadOnlyList<object[]> rows, int column) => rows[0][column] switch
    {
        string => rows.Select(r => (string)r[column]).ToArray(),
        long => rows.Select(r => (long)r[column]).ToArray(),
        int => rows.Select(r => (int)r[column]).ToArray(),
        var other => throw new ArgumentException($"Unsupported row value type {other.GetType().Name}.", nameof(rows)),
    };

    public override bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => IsTransientState(postgres.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>Serialization failure, deadlock, server shutting down or restarting, too many connections, lock timeout, connection errors.</summary>
    public static bool IsTransientState(string sqlState) =>
        sqlState is "40001" or "40P01" or "57P01" or "57P02" or "57P03" or "53300" or "55P03" || sqlState.StartsWith("08", StringComparison.Ordinal);

    /// <summary>Storage schema version 1: the counters and the declared row tables. Tables declared later are created on every start.</summary>
    public override Task InitializeSchemaAsync(DbConnection connection, IEnumerable<RowTable> tables, CancellationToken cancellationToken)
    {
        var statements = SchemaStatements(tables).ToArray();
        return MigrateAsync((NpgsqlConnection)connection, "storage", [statements], statements, cancellationToken);
    }

    /// <summary>
    /// Brings <paramref name="component"/> to the last of <paramref name="versions"/> (each a list of
    /// statements, applied in order from the recorded version on), then runs the idempotent
    /// <paramref name="always"/> statements; all in one transaction under an advisory lock, so
    /// processes starting together migrate once.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlConnection connection, string component, IReadOnlyList<IReadOnlyList<string>> versions, IEnumerable<string> always, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", SchemaLockKey));
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (component text PRIMARY KEY, version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
        await using (var read = new NpgsqlCommand("SELECT version FROM schema_version WHERE component = @component", connection))
        {
            read.Parameters.AddWithValue("component", component);
            var current = await read.ExecuteScalarAsync(cancellationToken) is int version ? version : 0;
            for (var next = current + 1; next <= versions.Count; next++)
            {
                foreach (var statement in versions[next - 1])
                {
                    await ExecuteAsync(connection, statement, cancellationToken);
                }
            }
        }
        foreach (var statement in always)
        {
            await ExecuteAsync(connection, statement, cancellationToken);
        }
        await ExecuteAsync(connection,
            "INSERT INTO schema_version (component, version) VALUES (@component, @version) " +
            "ON CONFLICT (component) DO UPDATE SET version = excluded.version, applied_at = now() WHERE schema_version.version < excluded.version",
            cancellationToken, ("component", component), ("version", versions.Count));
        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
