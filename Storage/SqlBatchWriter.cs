using System.Data.Common;
using System.Runtime.InteropServices;

namespace Voting.Storage;

/// <summary>
/// Writes a batch of units in one transaction, with few statements: all insert guards of a
/// table go into one multi-row <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c>, whose returned
/// keys tell which units won; replace guards run one by one; then the other writes of the
/// winning units are applied: upserts as multi-row statements, and counter deltas summed per
/// (scope, name) into this writer's own counter slot, so no two concurrent transactions (other
/// batches of this process, other silos) ever update the same counter row.
/// Semantics: within a batch, gates are checked first, then every guard is evaluated before any
/// unit's other writes.
/// No lease or fence decides who may write: the primary keys and version checks do. If two
/// activations of one grain run at once (Orleans allows that briefly during membership changes),
/// both may send a unit; the database lets exactly one guard win and the other unit writes nothing.
/// </summary>
internal sealed class SqlBatchWriter
{
    /// <summary>Rows per multi-row statement (SQLite allows 32,766 parameters; PostgreSQL 65,535).</summary>
    private const int RowsPerStatement = 500;

    /// <summary>The version of a new row, boxed once for the row parameters.</summary>
    private static readonly object FirstVersion = 1L;

    private readonly SqlDialect _dialect;
    private readonly IReadOnlyDictionary<string, RowTable> _tables;

    public SqlBatchWriter(SqlDialect dialect, IReadOnlyDictionary<string, RowTable> tables)
    {
        _dialect = dialect;
        _tables = tables;
    }

    /// <param name="counterSlot">The counter slot of the calling writer, unique among concurrent writers.</param>
    public async Task<WriteResult[]> WriteAsync(IReadOnlyList<WriteUnit> units, int counterSlot, CancellationToken cancellationToken)
    {
        Validate(units);
        await using var connection = await _dialect.OpenForWriteAsync(cancellationToken);
        await using var transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        var results = new WriteResult?[units.Count];
        await GatesAsync(connection, transaction, units, results, cancellationToken);

        await InsertGuardsAsync(connection, transaction, units, results, cancellationToken);
        await ReplaceGuardsAsync(connection, transaction, units, results, cancellationToken);
        for (var i = 0; i < units.Count; i++)
        {
            results[i] ??= WriteResult.Committed;
        }
        var writes = new WinnerWrites();
        for (var i = 0; i < units.Count; i++)
        {
            if (results[i]!.Outcome == WriteOutcome.Committed)
            {
                writes.Add(units[i]);
            }
        }
        await UpsertsAsync(connection, transaction, writes.Upserts, cancellationToken);
        await DeletesAsync(connection, transaction, writes.Deletes, cancellationToken);
        await CountersAsync(connection, transaction, writes.CounterSums, counterSlot, cancellationToken);

        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // The commit was sent: the database may have made it durable before the answer was lost.
            throw new CommitOutcomeUnknownException(e);
        }
        return results!;
    }

    /// <summary>
    /// Checks each distinct gate row once, in key order, locking it for the rest of the
    /// transaction (PostgreSQL <c>FOR SHARE</c>; SQLite has a single writer): a unit whose gate row
    /// is missing is <see cref="WriteOutcome.GateClosed"/>, and a concurrent delete of the row
    /// commits either before this check (the unit is refused) or after this batch (it is counted).
    /// </summary>
    private async Task GatesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<WriteUnit> units, WriteResult?[] results, CancellationToken cancellationToken)
    {
        var gates = units.Where(u => u.Gate is not null).Select(u => u.Gate!).Distinct()
            .OrderBy(g => g.Table, StringComparer.Ordinal).ThenBy(g => g.Scope, StringComparer.Ordinal).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (gates.Count == 0)
        {
            return;
        }
        var open = new HashSet<RowGate>();
        foreach (var gate in gates)
        {
            var table = TableOf(gate.Table);
            await using var command = SqlCommands.Create(connection, transaction,
                $"SELECT 1 FROM {table.Name} WHERE {table.ScopeColumn} = @scope AND {table.KeyColumn} = @key{_dialect.LockRowsForShare}",
                ("@scope", gate.Scope), ("@key", gate.Key));
            if (await command.ExecuteScalarAsync(cancellationToken) is not null)
            {
                open.Add(gate);
            }
        }
        for (var i = 0; i < units.Count; i++)
        {
            if (units[i].Gate is { } gate && !open.Contains(gate))
            {
                results[i] = WriteResult.GateClosed;
            }
        }
    }

    private static void Validate(IReadOnlyList<WriteUnit> units)
    {
        foreach (var unit in units)
        {
            for (var index = 1; index < unit.Ops.Count; index++)
            {
                if (unit.Ops[index] is InsertRow or ReplaceRow)
                {
                    throw new ArgumentException("Only the first op of a unit may be a guard (InsertRow or ReplaceRow).", nameof(units));
                }
            }
        }
    }

    /// <summary>One multi-row insert per table; a unit wins if its key comes back (the first unit with that key).</summary>
    private async Task InsertGuardsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<WriteUnit> units, WriteResult?[] results, CancellationToken cancellationToken)
    {
        var guards = Enumerable.Range(0, units.Count)
            .Where(i => results[i] is null && units[i].Ops.Count > 0 && units[i].Ops[0] is InsertRow)
            .Select(i => (Index: i, Op: (InsertRow)units[i].Ops[0]));
        foreach (var byTable in guards.GroupBy(g => g.Op.Table))
        {
            var table = TableOf(byTable.Key);
            foreach (var chunk in byTable.Chunk(RowsPerStatement))
            {
                await using var command = _dialect.RowsCommand(connection, transaction, InsertHead(table), 4,
                    RowsOf(chunk, static g => g.Op),
                    $"ON CONFLICT DO NOTHING RETURNING {table.ScopeColumn}, {table.KeyColumn}");
                var inserted = new HashSet<(string, string)>();
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        inserted.Add((reader.GetString(0), reader.GetString(1)));
                    }
                }
                foreach (var (index, op) in chunk)
                {
                    if (!inserted.Remove((op.Scope, op.Key)))
                    {
                        results[index] = new WriteResult(WriteOutcome.GuardFailed, await ReadAsync(connection, transaction, table, op.Scope, op.Key, cancellationToken));
                    }
                }
            }
        }
    }

    private async Task ReplaceGuardsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<WriteUnit> units, WriteResult?[] results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < units.Count; i++)
        {
            if (results[i] is not null || units[i].Ops.Count == 0 || units[i].Ops[0] is not ReplaceRow op)
            {
                continue;
            }
            var table = TableOf(op.Table);
            await using var command = SqlCommands.Create(connection, transaction,
                $"UPDATE {table.Name} SET data = @data, version = version + 1 WHERE {table.ScopeColumn} = @scope AND {table.KeyColumn} = @key AND version = @version",
                ("@data", op.Data), ("@scope", op.Scope), ("@key", op.Key), ("@version", op.ExpectedVersion));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                results[i] = new WriteResult(WriteOutcome.GuardFailed, await ReadAsync(connection, transaction, table, op.Scope, op.Key, cancellationToken));
            }
        }
    }

    /// <summary>Upserts of the winners, one multi-row statement per table; the last write of a key in the batch wins.</summary>
    private async Task UpsertsAsync(DbConnection connection, DbTransaction transaction, Dictionary<string, Dictionary<(string, string), UpsertRow>> upserts, CancellationToken cancellationToken)
    {
        foreach (var (tableName, lastByKey) in upserts)
        {
            var table = TableOf(tableName);
            foreach (var chunk in lastByKey.Values.Chunk(RowsPerStatement))
            {
                await using var command = _dialect.RowsCommand(connection, transaction, InsertHead(table), 4,
                    RowsOf(chunk, static u => u),
                    $"ON CONFLICT ({table.ScopeColumn}, {table.KeyColumn}) DO UPDATE SET data = excluded.data, version = {table.Name}.version + 1");
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private async Task DeletesAsync(DbConnection connection, DbTransaction transaction, List<DeleteRow> deletes, CancellationToken cancellationToken)
    {
        foreach (var delete in deletes)
        {
            var table = TableOf(delete.Table);
            await using var command = SqlCommands.Create(connection, transaction,
                $"DELETE FROM {table.Name} WHERE {table.ScopeColumn} = @scope AND {table.KeyColumn} = @key", ("@scope", delete.Scope), ("@key", delete.Key));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task CountersAsync(DbConnection connection, DbTransaction transaction, Dictionary<(string Scope, string Name), long> sums, int counterSlot, CancellationToken cancellationToken)
    {
        object slot = counterSlot;
        foreach (var chunk in sums.Chunk(RowsPerStatement))
        {
            var rows = new List<object[]>(chunk.Length);
            foreach (var sum in chunk)
            {
                rows.Add([sum.Key.Scope, sum.Key.Name, slot, sum.Value]);
            }
            await using var command = _dialect.RowsCommand(connection, transaction, "INSERT INTO counters (scope, name, slot, value)", 4, rows,
                "ON CONFLICT (scope, name, slot) DO UPDATE SET value = counters.value + excluded.value");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>(scope, key, version 1, data) rows of inserts or upserts.</summary>
    private static List<object[]> RowsOf<T>(T[] items, Func<T, WriteOp> opOf)
    {
        var rows = new List<object[]>(items.Length);
        foreach (var item in items)
        {
            rows.Add(opOf(item) switch
            {
                InsertRow insert => [insert.Scope, insert.Key, FirstVersion, insert.Data],
                UpsertRow upsert => [upsert.Scope, upsert.Key, FirstVersion, upsert.Data],
                var other => throw new ArgumentException($"{other.GetType().Name} has no row.", nameof(items)),
            });
        }
        return rows;
    }

    /// <summary>The non-guard writes of the winning units, gathered in one pass: upserts by table (last per key), deletes, counter deltas summed.</summary>
    private sealed class WinnerWrites
    {
        public Dictionary<string, Dictionary<(string, string), UpsertRow>> Upserts { get; } = new(StringComparer.Ordinal);

        public List<DeleteRow> Deletes { get; } = [];

        public Dictionary<(string Scope, string Name), long> CounterSums { get; } = [];

        public void Add(WriteUnit unit)
        {
            foreach (var op in unit.Ops)
            {
                switch (op)
                {
                    case UpsertRow upsert:
                        if (!Upserts.TryGetValue(upsert.Table, out var lastByKey))
                        {
                            lastByKey = [];
                            Upserts[upsert.Table] = lastByKey;
                        }
                        lastByKey[(upsert.Scope, upsert.Key)] = upsert;
                        break;
                    case DeleteRow delete:
                        Deletes.Add(delete);
                        break;
                    case AddToCounter add:
                        CollectionsMarshal.GetValueRefOrAddDefault(CounterSums, (add.Scope, add.Name), out _) += add.Delta;
                        break;
                }
            }
        }
    }

    private static string InsertHead(RowTable table) => $"INSERT INTO {table.Name} ({table.ScopeColumn}, {table.KeyColumn}, version, data)";

    private static async Task<StoredRow?> ReadAsync(DbConnection connection, DbTransaction transaction, RowTable table, string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(connection, transaction, $"SELECT data, version FROM {table.Name} WHERE {table.ScopeColumn} = @scope AND {table.KeyColumn} = @key", ("@scope", scope), ("@key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredRow(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    private RowTable TableOf(string name) =>
        _tables.TryGetValue(name, out var table) ? table : throw new ArgumentException($"Table '{name}' is not declared.", nameof(name));
}

/// <summary>The commit of a batch was sent but its answer was lost: the batch may or may not be durable.</summary>
internal sealed class CommitOutcomeUnknownException(Exception inner) : Exception("The commit's outcome is unknown.", inner);
