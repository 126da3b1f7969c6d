using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Voting.Failures;

namespace Voting.Storage;

/// <summary>Grain storage on a SQL engine, with group commit of writes.</summary>
public sealed class SqlGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly IReadOnlyDictionary<string, RowTable> _tables;
    private readonly GroupCommitter _committer;
    private readonly IAsyncDisposable? _upkeep;
    private int _disposed;

    public SqlGrainStorage(SqlDialect dialect, IEnumerable<RowTable> tables, StorageOptions options, TimeProvider time, ILogger<SqlGrainStorage> logger)
    {
        _dialect = dialect;
        _tables = tables.ToDictionary(t => t.Name);
        foreach (var table in _tables.Values)
        {
            SqlIdentifier.Check(table.Name);
            SqlIdentifier.Check(table.ScopeColumn);
            SqlIdentifier.Check(table.KeyColumn);
        }
        var writer = new SqlBatchWriter(dialect, _tables);
        _committer = new GroupCommitter(writer.WriteAsync, dialect, options, time, logger);
        _upkeep = dialect.StartUpkeep(logger);
    }

    public SqlDialect Dialect => _dialect;

    /// <summary>Creates the schema if missing. Idempotent.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await _dialect.InitializeSchemaAsync(connection, _tables.Values, cancellationToken);
    }

    public async Task<StoredRow?> ReadRowAsync(string table, string scope, string key, CancellationToken cancellationToken = default)
    {
        var t = TableOf(table);
        return await WithConnection(async connection =>
        {
            await using var command = SqlCommands.Create(connection, null, $"SELECT data, version FROM {t.Name} WHERE {t.ScopeColumn} = @scope AND {t.KeyColumn} = @key", ("scope", scope), ("key", key));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new StoredRow(reader.GetString(0), reader.GetInt64(1)) : null;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<KeyedRow> ReadScopeAsync(string table, string scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var t = TableOf(table);
        DbConnection connection;
        try
        {
            connection = await _dialect.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or TimeoutException or IOException)
        {
            throw new UnavailableException($"Storage is not reachable: {e.Message}");
        }
        await using (connection)
        {
            await using var command = SqlCommands.Create(connection, null, $"SELECT {t.KeyColumn}, data, version FROM {t.Name} WHERE {t.ScopeColumn} = @scope ORDER BY {t.KeyColumn}", ("scope", scope));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new KeyedRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> SumCountersAsync(string scope, CancellationToken cancellationToken = default)
    {
        return await WithConnection(async connection =>
        {
            await using var command = SqlCommands.Create(connection, null, "SELECT name, SUM(value) FROM counters WHERE scope = @scope GROUP BY name", ("scope", scope));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var sums = new Dictionary<string, long>();
            while (await reader.ReadAsync(cancellationToken))
            {
                sums[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            }
            return (IReadOnlyDictionary<string, long>)sums;
        }, cancellationToken);
    }

    public Task<WriteResult> WriteAsync(WriteUnit unit, CancellationToken cancellationToken = default) =>
        StorageMetrics.ActivitySource.HasListeners() ? TracedWriteAsync(unit, cancellationToken) : _committer.EnqueueAsync(unit, cancellationToken);

    /// <summary>A span for the unit's wait on its group commit, under the grain call that wrote it.</summary>
    private async Task<WriteResult> TracedWriteAsync(WriteUnit unit, CancellationToken cancellationToken)
    {
        using var activity = StorageMetrics.ActivitySource.StartActivity("ledger.write");
        activity?.SetTag("db.system", _dialect.Name);
        var result = await _committer.EnqueueAsync(unit, cancellationToken);
        activity?.SetTag("voting.ledger.outcome", result.Outcome.ToString());
        return result;
    }

    /// <summary>Stops the group commit and the engine's upkeep; a second call does nothing (the host may dispose the storage under each type it is registered as).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _committer.DisposeAsync();
        if (_upkeep is not null)
        {
            await _upkeep.DisposeAsync();
        }
    }

    private RowTable TableOf(string name) =>
        _tables.TryGetValue(name, out var table) ? table : throw new ArgumentException($"Table '{name}' is not declared.", nameof(name));

    private async Task<T> WithConnection<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken);
            return await read(connection);
        }
        catch (Exception e) when (e is DbException or TimeoutException or IOException)
        {
            throw new UnavailableException($"Storage is not reachable: {e.Message}");
        }
    }
}
