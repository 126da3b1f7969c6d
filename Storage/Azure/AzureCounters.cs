using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Voting.Storage.Azure;

/// <summary>
/// Counters on Azure tables: a scope's counters are a base row plus one delta row per committed
/// batch that counted in it (written inside that batch's transaction). A read sums them all;
/// compaction folds deltas into the base in one transaction (base replaced on its ETag, each
/// delta deleted on its ETag), so a delta is counted in the base or as a row, never both.
/// </summary>
internal sealed class AzureCounters(TableClient reads, TableClient transactions)
{
    /// <summary>Delta rows a read sees before it asks for a compaction.</summary>
    private const int CompactAbove = 64;

    /// <summary>Deltas folded per transaction (with the base: at most 100 actions).</summary>
    private const int FoldPerTransaction = 99;

    private readonly HashSet<string> _compacting = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, long>> SumAsync(string scope, CancellationToken cancellationToken)
    {
        var partition = AzureKeys.CounterPartition(scope);
        var baseKey = AzureKeys.CounterRow(scope, AzureKeys.CounterBase);
        for (var attempt = 0; ; attempt++)
        {
            var sums = new Dictionary<string, long>(StringComparer.Ordinal);
            ETag? baseSeen = null;
            var deltas = 0;
            await foreach (var row in Scan(partition, scope, cancellationToken))
            {
                if (row.RowKey == baseKey)
                {
                    baseSeen = row.ETag;
                }
                else
                {
                    deltas++;
                }
                foreach (var (name, value) in Parse(row))
                {
                    sums[name] = sums.GetValueOrDefault(name) + value;
                }
            }
            // A scan of many rows comes in pages; a compaction between two pages would move deltas
            // into the base behind the scan. The base's ETag after the scan tells: unchanged, the sum is exact.
            var baseNow = await reads.GetEntityIfExistsAsync<TableEntity>(partition, baseKey, ["RowKey"], cancellationToken);
            if ((baseNow.HasValue ? baseNow.Value!.ETag : (ETag?)null) == baseSeen || attempt >= 5)
            {
                if (deltas > CompactAbove)
                {
                    StartCompaction(scope);
                }
                return sums;
            }
        }
    }

    private void StartCompaction(string scope)
    {
        lock (_compacting)
        {
            if (!_compacting.Add(scope))
            {
                return;
            }
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await CompactAsync(scope, CancellationToken.None);
            }
            catch (Exception e) when (e is RequestFailedException or AggregateException or IOException or HttpRequestException)
            {
                // Another compaction won the race, or the table is busy: the deltas stay and are still summed.
            }
            finally
            {
                lock (_compacting)
                {
                    _compacting.Remove(scope);
                }
            }
        });
    }

    /// <summary>
    /// Folds delta rows into the base row, up to 99 per transaction, until none is left. A
    /// transaction that loses a race with another compaction (409 on the new base, 412 on a row
    /// it read) writes nothing; the rows are read again.
    /// </summary>
    public async Task CompactAsync(string scope, CancellationToken cancellationToken)
    {
        var partition = AzureKeys.CounterPartition(scope);
        var baseKey = AzureKeys.CounterRow(scope, AzureKeys.CounterBase);
        for (var races = 0; ; )
        {
            TableEntity? baseRow = null;
            var deltas = new List<TableEntity>();
            await foreach (var row in Scan(partition, scope, cancellationToken))
            {
                if (row.RowKey == baseKey)
                {
                    baseRow = row;
                }
                else if (deltas.Count < FoldPerTransaction)
                {
                    deltas.Add(row);
                }
            }
            if (deltas.Count == 0 || (deltas.Count == 1 && baseRow is null))
            {
                return;
            }
            var sums = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var row in deltas.Prepend(baseRow).OfType<TableEntity>())
            {
                foreach (var (name, value) in Parse(row))
                {
                    sums[name] = sums.GetValueOrDefault(name) + value;
                }
            }
            var folded = new TableEntity(partition, baseKey);
            AzureRows.PutChunks(folded, JsonSerializer.Serialize(sums));
            var actions = new List<TableTransactionAction>
            {
                baseRow is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, folded)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, folded, baseRow.ETag),
            };
            actions.AddRange(deltas.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, d.RowKey), d.ETag)));
            try
            {
                await transactions.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404 && ++races < 10)
            {
                continue;
            }
            if (deltas.Count < FoldPerTransaction)
            {
                return; // folded what was there; rows written meanwhile wait for the next compaction
            }
        }
    }

    private IAsyncEnumerable<TableEntity> Scan(string partition, string scope, CancellationToken cancellationToken) =>
        reads.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {AzureKeys.ScopePrefix(AzureKeys.CounterTable, scope)} and RowKey lt {AzureKeys.ScopeEnd(AzureKeys.CounterTable, scope)}"),
            cancellationToken: cancellationToken);

    private static Dictionary<string, long> Parse(TableEntity row) =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(AzureRows.ReadChunks(row)) ?? [];
}
