using System.Data.Common;

namespace Voting.Runtime.Storage;

/// <summary>
/// Writes a batch of units in one transaction. Each unit's guard decides whether its other ops
/// run; counter deltas of the whole batch are summed and applied last in key order, so
/// concurrent batches touch counter rows in the same order and cannot deadlock.
/// </summary>
internal sealed class SqlBatchWriter
{
    private readonly SqlDialect _dialect;
    private readonly IShardFence _fence;
    private readonly IReadOnlyDictionary<string, RowTable> _tables;

    public SqlBatchWriter(SqlDialect dialect, IShardFence fence, IReadOnlyDictionary<string, RowTable> tables)
    {
        _dialect = dialect;
        _fence = fence;
        _tables = tables;
    }

    public async Task<WriteResult[]> WriteAsync(IReadOnlyList<WriteUnit> units, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenForWriteAsync(cancellationToken);
        await using var transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        var owned = await _fence.HoldAsync(connection, transaction, units.Select(u => u.Shard).Distinct().ToArray(), cancellationToken);
        var commands = new CommandCache(connection, transaction);
        var counters = new SortedDictionary<(string Scope, string Name, int Shard), long>();
        var results = new WriteResult[units.Count];

        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (!owned.Contains(unit.Shard))
            {
                results[i] = WriteResult.NotOwner;
                continue;
            }
            results[i] = await WriteUnitAsync(commands, unit, counters, cancellationToken);
        }

        foreach (var ((scope, name, shard), delta) in counters)
        {
            var command = commands.Get("counter", () =>
                "INSERT INTO counters (scope, name, shard, value) VALUES (@scope, @name, @shard, @delta) " +
                "ON CONFLICT (scope, name, shard) DO UPDATE SET value = counters.value + excluded.value",
                "scope", "name", "shard", "delta");
            await command.RunAsync(cancellationToken, scope, name, shard, delta);
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private async Task<WriteResult> WriteUnitAsync(CommandCache commands, WriteUnit unit, SortedDictionary<(string, string, int), long> counters, CancellationToken cancellationToken)
    {
        for (var index = 0; index < unit.Ops.Count; index++)
        {
            var op = unit.Ops[index];
            if (index > 0 && op is InsertRow or ReplaceRow)
            {
                throw new ArgumentException("Only the first op of a unit may be a guard (InsertRow or ReplaceRow).", nameof(unit));
            }
            switch (op)
            {
                case InsertRow insert:
                    if (await InsertAsync(commands, insert, cancellationToken) == 0)
                    {
                        return new WriteResult(WriteOutcome.GuardFailed, await ReadAsync(commands, insert.Table, insert.Scope, insert.Key, cancellationToken));
                    }
                    break;
                case ReplaceRow replace:
                    if (await ReplaceAsync(commands, replace, cancellationToken) == 0)
                    {
                        return new WriteResult(WriteOutcome.GuardFailed, await ReadAsync(commands, replace.Table, replace.Scope, replace.Key, cancellationToken));
                    }
                    break;
                case UpsertRow upsert:
                    await UpsertAsync(commands, upsert, cancellationToken);
                    break;
                case AddToCounter add:
                    var slot = (add.Scope, add.Name, unit.Shard);
                    counters[slot] = counters.GetValueOrDefault(slot) + add.Delta;
                    break;
                default:
                    throw new ArgumentException($"Unknown write op {op.GetType().Name}.", nameof(unit));
            }
        }
        return WriteResult.Committed;
    }

    private Task<int> InsertAsync(CommandCache commands, InsertRow op, CancellationToken cancellationToken) =>
        commands.Get("insert:" + op.Table, () => $"INSERT INTO {TableOf(op.Table).Name} VALUES (@scope, @key, 1, @data) ON CONFLICT DO NOTHING", "scope", "key", "data")
            .RunAsync(cancellationToken, op.Scope, op.Key, op.Data);

    private Task<int> ReplaceAsync(CommandCache commands, ReplaceRow op, CancellationToken cancellationToken)
    {
        var table = TableOf(op.Table);
        return commands.Get("replace:" + op.Table, () => $"UPDATE {table.Name} SET data = @data, version = version + 1 WHERE {table.ScopeColumn} = @scope AND {table.KeyColumn} = @key AND version = @version", "scope", "key", "data", "version")
            .RunAsync(cancellationToken, op.Scope, op.Key, op.Data, op.ExpectedVersion);
    }

    private Task<int> UpsertAsync(CommandCache commands, UpsertRow op, CancellationToken cancellationToken)
    {
        var table = TableOf(op.Table);
        return commands.Get("upsert:" + op.Table, () => $"INSERT INTO {table.Name} VALUES (@scope, @key, 1, @data) ON CONFLICT ({table.ScopeColumn}, {table.KeyColumn}) DO UPDATE SET data = excluded.data, version = {table.Name}.version + 1", "scope", "key", "data")
            .RunAsync(cancellationToken, op.Scope, op.Key, op.Data);
    }

    private async Task<StoredRow?> ReadAsync(CommandCache commands, string tableName, string scope, string key, CancellationToken cancellationToken)
    {
        var table = TableOf(tableName);
        var command = commands.Get("read:" + tableName, () => $"SELECT data, version FROM {table.Name} WHERE {table.ScopeColumn} = @scope AND {table.KeyColumn} = @key", "scope", "key");
        await using var reader = await command.ReadAsync(cancellationToken, scope, key);
        return await reader.ReadAsync(cancellationToken) ? new StoredRow(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    private RowTable TableOf(string name) =>
        _tables.TryGetValue(name, out var table) ? table : throw new ArgumentException($"Table '{name}' is not declared.", nameof(name));
}
