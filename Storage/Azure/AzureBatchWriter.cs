using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Voting.Storage.Azure;

/// <summary>
/// Commits units of one partition as one entity-group transaction (atomic and isolated in
/// Azure Table storage), and decides each unit's outcome:
/// <list type="bullet">
/// <item>gates first: a merge with <c>If-Match: *</c> on each gate row, which fails the whole
/// transaction with 404 if the row is gone, so a gate delete commits before the batch (its units
/// are <see cref="WriteOutcome.GateClosed"/>) or after it;</item>
/// <item>insert guards as entity inserts (409 if the row exists: that unit's guard failed);</item>
/// <item>replace guards, upserts and deletes as writes conditional on the ETag read just before
/// (412 if the row moved meanwhile: read again and decide again);</item>
/// <item>counter deltas: one new row per (batch, counter scope), summed on read.</item>
/// </list>
/// A failed transaction writes nothing and names the failing action; its unit is decided
/// (guard failed, gate closed) or the batch is read and tried again, without the decided units.
/// </summary>
internal sealed class AzureBatchWriter(TableClient transactions, TableClient reads)
{
    /// <summary>Times a batch is prepared again after losing a race on a row it read.</summary>
    private const int MaxRaces = 20;

    public async Task<AzureAnswer[]> WriteAsync(string partition, IReadOnlyList<AzureUnit> units, CancellationToken cancellationToken)
    {
        var results = new WriteResult?[units.Count];
        var moved = new AzureAnswer?[units.Count];
        var races = 0;
        var readUpserts = false;
        while (true)
        {
            var open = Enumerable.Range(0, units.Count).Where(i => results[i] is null && moved[i] is null).ToList();
            if (open.Count == 0)
            {
                return [.. results.Zip(moved, (result, relocated) => relocated ?? new AzureAnswer(result))];
            }
            var batch = await PrepareAsync(partition, units, open, results, moved, readUpserts, cancellationToken);
            if (batch.Actions.Count == 0)
            {
                foreach (var i in batch.Units)
                {
                    results[i] ??= WriteResult.Committed;
                }
                continue;
            }
            try
            {
                await transactions.SubmitTransactionAsync(batch.Actions, cancellationToken);
            }
            catch (Exception e) when (e is not TableTransactionFailedException { FailedTransactionActionIndex: { } failed } || failed >= batch.Owners.Count)
            {
                // No action named as the cause: the committer decides from the status whether anything may have been written.
                throw new AzureTransactionSentException(e);
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } index)
            {
                var decided = await DecideAsync(partition, units, batch, index, e, results, cancellationToken);
                // An upsert sent as an insert found its row: from now on, read every upsert's row first.
                readUpserts |= !decided && batch.Owners[index].Role == ActionRole.Row && e.Status == 409;
                if (!decided && ++races > MaxRaces)
                {
                    throw new AzureBatchRefusedException($"The batch kept losing races on its rows ({e.ErrorCode}).", e);
                }
                continue;
            }
            foreach (var i in batch.Units)
            {
                results[i] ??= WriteResult.Committed;
            }
        }
    }

    /// <summary>Decides the unit whose action failed; false when the batch only lost a race (to be read again).</summary>
    private async Task<bool> DecideAsync(string partition, IReadOnlyList<AzureUnit> units, PreparedBatch batch, int index, TableTransactionFailedException e, WriteResult?[] results, CancellationToken cancellationToken)
    {
        var owner = batch.Owners[index];
        switch (owner.Role)
        {
            case ActionRole.Gate when e.Status == 404:
                foreach (var i in batch.Units.Where(i => units[i].GateRowKey == owner.RowKey))
                {
                    results[i] = WriteResult.GateClosed;
                }
                return true;
            case ActionRole.Guard when e.Status == 409 && units[owner.Unit].Guard!.Kind == AzureRowKind.Insert:
                results[owner.Unit] = new WriteResult(WriteOutcome.GuardFailed, await ReadAsync(partition, owner.RowKey, cancellationToken));
                return true;
            case ActionRole.Guard or ActionRole.Row when e.Status is 409 or 412 or 404:
                return false; // a row moved after it was read: read it again
            default:
                throw new AzureBatchRefusedException($"Azure refused action {index} ({owner.Role} {owner.RowKey}): {e.Status} {e.ErrorCode}.", e);
        }
    }

    /// <param name="readUpserts">
    /// False on the first try: an upsert is sent as an insert (version 1) without reading its row,
    /// which is right for the usual new row (a receipt with a fresh id) and saves a read
    /// per unit; if the row was there the insert fails (409), nothing is written, and the batch
    /// is prepared again with every upsert's row read first (replaced on its ETag, version + 1).
    /// </param>
    /// <param name="moved">Set for a unit whose rows read here are locators: it is left out, for its caller to lay out again in their partition.</param>
    private async Task<PreparedBatch> PrepareAsync(string partition, IReadOnlyList<AzureUnit> units, List<int> open, WriteResult?[] results, AzureAnswer?[] moved, bool readUpserts, CancellationToken cancellationToken)
    {
        // Current ETags and versions of every row written conditionally, read in parallel.
        var keys = open.SelectMany(i => ReadFirst(units[i], readUpserts)).Distinct().ToList();
        var current = new Dictionary<string, TableEntity?>(StringComparer.Ordinal);
        var found = await Task.WhenAll(keys.Select(k => ReadEntityAsync(partition, k, cancellationToken)));
        for (var k = 0; k < keys.Count; k++)
        {
            current[keys[k]] = found[k];
        }

        foreach (var i in open)
        {
            moved[i] = Relocated(units[i], readUpserts, current);
        }
        open = [.. open.Where(i => moved[i] is null)];

        var batch = new PreparedBatch();
        foreach (var gate in open.Select(i => units[i].GateRowKey).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partition, gate), ETag.All), new ActionOwner(ActionRole.Gate, -1, gate));
        }
        var counters = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var i in open)
        {
            var unit = units[i];
            if (unit.Guard is { } guard)
            {
                if (guard.Kind == AzureRowKind.Insert)
                {
                    batch.Add(new TableTransactionAction(TableTransactionActionType.Add, AzureRows.Row(partition, guard.RowKey, guard.Data!, 1)), new ActionOwner(ActionRole.Guard, i, guard.RowKey));
                }
                else
                {
                    var row = current[guard.RowKey];
                    if (row is null || row.GetInt64(AzureRows.Version) != guard.ExpectedVersion)
                    {
                        results[i] = new WriteResult(WriteOutcome.GuardFailed, row is null ? null : AzureRows.Stored(row));
                        continue;
                    }
                    batch.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, AzureRows.Row(partition, guard.RowKey, guard.Data!, guard.ExpectedVersion + 1), row.ETag), new ActionOwner(ActionRole.Guard, i, guard.RowKey));
                }
            }
            foreach (var op in unit.Rows)
            {
                var row = current.GetValueOrDefault(op.RowKey);
                if (op.Kind == AzureRowKind.Upsert)
                {
                    batch.Add(row is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, AzureRows.Row(partition, op.RowKey, op.Data!, 1))
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, AzureRows.Row(partition, op.RowKey, op.Data!, (row.GetInt64(AzureRows.Version) ?? 0) + 1), row.ETag),
                        new ActionOwner(ActionRole.Row, i, op.RowKey));
                }
                else if (row is not null)
                {
                    batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, op.RowKey), row.ETag), new ActionOwner(ActionRole.Row, i, op.RowKey));
                }
            }
            foreach (var (scope, names) in unit.Counters)
            {
                var sums = counters.TryGetValue(scope, out var existing) ? existing : counters[scope] = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (name, delta) in names)
                {
                    sums[name] = sums.GetValueOrDefault(name) + delta;
                }
            }
            batch.Units.Add(i);
        }
        var batchId = Guid.NewGuid().ToString("N");
        foreach (var (scope, sums) in counters)
        {
            var delta = new TableEntity(partition, AzureKeys.CounterRow(scope, AzureKeys.CounterDeltaPrefix + batchId));
            AzureRows.PutChunks(delta, JsonSerializer.Serialize(sums));
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, delta), new ActionOwner(ActionRole.Counter, -1, delta.RowKey));
        }
        return batch;
    }

    /// <summary>
    /// The answer for a unit whose rows read here are locators: where they live, with the ETags of
    /// the locators pointing there; null when every row read here is a row (or absent).
    /// </summary>
    private static AzureAnswer? Relocated(AzureUnit unit, bool readUpserts, Dictionary<string, TableEntity?> current)
    {
        string? home = null;
        Dictionary<string, ETag>? locators = null; // made only for the rare unit that has one: this runs for every unit
        foreach (var key in ReadFirst(unit, readUpserts))
        {
            if (current[key] is { } row && AzureRows.IsLocator(row, out var at) && (home ??= at) == at)
            {
                (locators ??= new Dictionary<string, ETag>(StringComparer.Ordinal))[key] = row.ETag;
            }
        }
        return home is null ? null : new AzureAnswer(null, home, locators);
    }

    /// <summary>Rows whose write depends on what is there now.</summary>
    private static IEnumerable<string> ReadFirst(AzureUnit unit, bool readUpserts) =>
        (unit.Guard is { Kind: AzureRowKind.Replace } guard ? [guard.RowKey] : Array.Empty<string>())
            .Concat(unit.Rows.Where(r => readUpserts || r.Kind == AzureRowKind.Delete).Select(r => r.RowKey));

    private async Task<TableEntity?> ReadEntityAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var response = await reads.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private async Task<StoredRow?> ReadAsync(string partition, string rowKey, CancellationToken cancellationToken) =>
        await ReadEntityAsync(partition, rowKey, cancellationToken) is { } entity && !AzureRows.IsLocator(entity, out _) ? AzureRows.Stored(entity) : null;

    private enum ActionRole
    {
        Gate,
        Guard,
        Row,
        Counter,
    }

    private sealed record ActionOwner(ActionRole Role, int Unit, string RowKey);

    private sealed class PreparedBatch
    {
        public List<TableTransactionAction> Actions { get; } = [];

        /// <summary>Who each action is for, by action index.</summary>
        public List<ActionOwner> Owners { get; } = [];

        /// <summary>The units in this transaction.</summary>
        public List<int> Units { get; } = [];

        public void Add(TableTransactionAction action, ActionOwner owner)
        {
            Actions.Add(action);
            Owners.Add(owner);
        }
    }
}

/// <summary>
/// A transaction was sent and failed without a decided answer (the service's or the network's):
/// whether it committed depends on <see cref="Exception.InnerException"/>. Every other exception
/// of <see cref="AzureBatchWriter.WriteAsync"/> means nothing was written.
/// </summary>
internal sealed class AzureTransactionSentException(Exception inner) : Exception("A transaction failed after it was sent.", inner);

/// <summary>Azure refused a batch for a reason that is not a unit's outcome; nothing of it was written.</summary>
internal sealed class AzureBatchRefusedException(string message, Exception inner) : Exception(message, inner);
