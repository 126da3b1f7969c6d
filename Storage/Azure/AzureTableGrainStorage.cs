using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Voting.Failures;

namespace Voting.Storage.Azure;

/// <summary>
/// The ledger on Azure Table storage, with the guarantees of the SQL ledger: a guarded insert
/// happens once, and a unit's rows, counter deltas and gate check commit in one entity-group
/// transaction or not at all. Every row of the product lives in one table; the partition rule
/// (<see cref="AzureKeys"/>) puts each unit in one partition. A row outside its unit's partition
/// (a receipt: its own partition is named by its id) is written in the unit's partition, and a
/// locator row written before the unit in the receipt's own partition points there; the locators
/// of a unit decided unwritten are removed, and one left behind (a crash, a lost answer) points at
/// nothing, which reads as no row. See Storage/README.md.
/// </summary>
public sealed class AzureTableGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly AzureTableClients _clients;
    private readonly IReadOnlySet<string> _tables;
    private readonly AzureGroupCommitter _committer;
    private readonly AzureCounters _counters;
    private readonly ILogger _logger;

    public AzureTableGrainStorage(AzureTableClients clients, IEnumerable<RowTable> tables, StorageOptions options, ILogger<AzureTableGrainStorage> logger)
    {
        _clients = clients;
        _tables = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        _committer = new AzureGroupCommitter(new AzureBatchWriter(clients.Transactions, clients.Reads), options, logger);
        _counters = new AzureCounters(clients.Reads, clients.Transactions);
        _logger = logger;
    }

    /// <summary>Creates the table if missing. Idempotent.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await Guard(async () => await _clients.Reads.CreateIfNotExistsAsync(cancellationToken));

    public Task<StoredRow?> ReadRowAsync(string table, string scope, string key, CancellationToken cancellationToken = default)
    {
        CheckTable(table);
        return Guard(() => FollowAsync(AzureKeys.PartitionOf(scope, key), AzureKeys.RowKey(table, scope, key), cancellationToken));
    }

    /// <summary>Locators a scope read follows at once.</summary>
    private const int FollowInParallel = 16;

    public async IAsyncEnumerable<KeyedRow> ReadScopeAsync(string table, string scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckTable(table);
        // A scope's rows share a partition, except in the empty scope (each row is in the partition its key names).
        var filter = scope.Length == 0
            ? TableClient.CreateQueryFilter($"RowKey ge {AzureKeys.ScopePrefix(table, scope)} and RowKey lt {AzureKeys.ScopeEnd(table, scope)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {AzureKeys.PartitionOf(scope, "")} and RowKey ge {AzureKeys.ScopePrefix(table, scope)} and RowKey lt {AzureKeys.ScopeEnd(table, scope)}");
        var rows = new ConcurrentBag<KeyedRow>();
        await Guard(async () =>
        {
            var located = new List<(string RowKey, string Home)>();
            await foreach (var entity in _clients.Reads.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (AzureRows.IsLocator(entity, out var home))
                {
                    located.Add((entity.RowKey, home));
                }
                else
                {
                    var row = AzureRows.Stored(entity);
                    rows.Add(new KeyedRow(AzureKeys.KeyOf(entity.RowKey, table, scope), row.Data, row.Version));
                }
            }
            // Rows that live in other partitions (the outbox's mail), followed a few at a time.
            await Parallel.ForEachAsync(located, new ParallelOptions { MaxDegreeOfParallelism = FollowInParallel, CancellationToken = cancellationToken }, async (locator, token) =>
            {
                if (await FollowAsync(locator.Home, locator.RowKey, token) is { } row)
                {
                    rows.Add(new KeyedRow(AzureKeys.KeyOf(locator.RowKey, table, scope), row.Data, row.Version));
                }
            });
            return true;
        });
        foreach (var row in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            yield return row;
        }
    }

    public Task<IReadOnlyDictionary<string, long>> SumCountersAsync(string scope, CancellationToken cancellationToken = default) =>
        Guard(() => _counters.SumAsync(scope, cancellationToken));

    public async Task<WriteResult> WriteAsync(WriteUnit unit, CancellationToken cancellationToken = default)
    {
        foreach (var table in unit.Ops.Select(TableOf).OfType<string>().Append(unit.Gate?.Table).OfType<string>())
        {
            CheckTable(table);
        }
        var parts = AzureUnit.From(unit);
        if (parts.Count > 1)
        {
            // Only ungated, unguarded, uncounted units are split: each part commits on its own.
            var answers = await Task.WhenAll(parts.Select(p => CommitAsync(p, cancellationToken)));
            return answers.Any(a => a.MovedTo is not null)
                ? throw new NotSupportedException("Rows of a split unit live in another partition; write them in units of their own.")
                : WriteResult.Committed;
        }
        var answer = await CommitAsync(parts[0], cancellationToken);
        if (answer.MovedTo is { } home)
        {
            // The unit's rows are satellites of another partition (a mail queued with its voter's
            // code, written here by the outbox sender): the unit is laid out again from there.
            var moved = AzureUnit.From(unit, home);
            if (moved.Count != 1)
            {
                throw new NotSupportedException("A unit whose rows live in another partition must fit one transaction there.");
            }
            var (from, found) = (parts[0].Home, answer.Locators);
            answer = await CommitAsync(moved[0], cancellationToken, (partition, rowKey) =>
                partition == from && found is not null && found.TryGetValue(rowKey, out var etag) && IsReplaceOrDelete(moved[0], rowKey)
                    ? new LocatorWrite(new TableEntity(partition, rowKey) { ETag = etag }, Inserted: false)
                    : null);
            if (answer.MovedTo is not null)
            {
                throw new NotSupportedException($"The rows of this unit live in more than one partition (found '{home}', then '{answer.MovedTo}').");
            }
        }
        return answer.Result!;
    }

    /// <summary>
    /// A relaid unit's replace guard or delete creates no row, so the locator read where the unit
    /// was first laid out is used as it is (not touched: a touch by a claim that then fails would
    /// keep a concurrent delete from removing it).
    /// </summary>
    private static bool IsReplaceOrDelete(AzureUnit unit, string rowKey) =>
        unit.Guard is { Kind: AzureRowKind.Replace } guard && guard.RowKey == rowKey
        || unit.Rows.Any(r => r.Kind == AzureRowKind.Delete && r.RowKey == rowKey);

    /// <summary>
    /// Writes a laid-out unit: its satellites' locators (but those <paramref name="known"/>
    /// answers), then the unit. The locators it inserted go again if the unit was not written; a
    /// committed unit also removes the locators of the satellite rows it deleted.
    /// </summary>
    private async Task<AzureAnswer> CommitAsync(AzureUnit unit, CancellationToken cancellationToken, Func<string, string, LocatorWrite?>? known = null)
    {
        var locators = await WriteLocatorsAsync(unit, known, cancellationToken);
        var answer = await _committer.EnqueueAsync(unit, cancellationToken);
        var stale = answer.Result?.Outcome == WriteOutcome.Committed
            ? locators.Where(l => unit.Rows.Any(r => r.Kind == AzureRowKind.Delete && r.Partition == l.Locator.PartitionKey && r.RowKey == l.Locator.RowKey))
            : locators.Where(l => l.Inserted);
        await RemoveLocatorsAsync([.. stale.Select(l => l.Locator)], unit.Home);
        return answer;
    }

    /// <summary>Counter scopes fold their delta rows into their base row (also done by reads when deltas pile up).</summary>
    internal Task CompactCountersAsync(string scope, CancellationToken cancellationToken) => _counters.CompactAsync(scope, cancellationToken);

    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    /// <summary>
    /// Points each satellite row's own partition at the unit's home. Written before the unit, so a
    /// reader never finds the row without its locator; inserted once and then only confirmed
    /// (a row keeps its home). Returns each locator with the ETag this call left on it.
    /// </summary>
    private async Task<List<LocatorWrite>> WriteLocatorsAsync(AzureUnit unit, Func<string, string, LocatorWrite?>? known, CancellationToken cancellationToken)
    {
        var written = await Task.WhenAll(unit.Satellites.Select(satellite => known?.Invoke(satellite.Partition, satellite.RowKey) is { } given
            ? Task.FromResult<LocatorWrite?>(given)
            : Guard(() => WriteLocatorAsync(satellite.Partition, satellite.RowKey, unit.Home, cancellationToken))));
        return [.. written.OfType<LocatorWrite>()];
    }

    /// <param name="Inserted">True when this call inserted it; false when it was there and this call touched it.</param>
    private sealed record LocatorWrite(TableEntity Locator, bool Inserted);

    /// <summary>Times a locator is written again after another writer removed or touched it between two requests.</summary>
    private const int LocatorAttempts = 5;

    /// <summary>The locator with the ETag this call left on it; null when that ETag is unknown (the locator is then never removed).</summary>
    private async Task<LocatorWrite?> WriteLocatorAsync(string partition, string rowKey, string home, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= LocatorAttempts; attempt++)
        {
            var locator = AzureRows.LocatorOf(partition, rowKey, home);
            try
            {
                var added = await _clients.Reads.AddEntityAsync(locator, cancellationToken);
                return WithETag(locator, added, inserted: true);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
            var existing = await _clients.Reads.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                continue; // removed meanwhile by a refused unit that had inserted it
            }
            if (!AzureRows.IsLocator(existing.Value!, out var at) || at != home)
            {
                throw new NotSupportedException($"Row '{rowKey}' already lives outside partition '{home}'; a unit writes one partition.");
            }
            try
            {
                // Touched: its ETag changes, so a refused unit that inserted it leaves it in place.
                var touched = await _clients.Reads.UpdateEntityAsync(existing.Value!, existing.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
                return WithETag(existing.Value!, touched, inserted: false);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Touched or removed by another writer since the read: read it again.
            }
        }
        throw new UnavailableException($"The locator of row '{rowKey}' kept changing; nothing was recorded.");
    }

    private static LocatorWrite? WithETag(TableEntity locator, Response response, bool inserted)
    {
        if (response.Headers.ETag is not { } etag)
        {
            return null;
        }
        locator.ETag = etag;
        return new LocatorWrite(locator, inserted);
    }

    /// <summary>
    /// Removes locators that point at no row: those a unit inserted when the unit was not written
    /// (its guard failed, its gate was closed; its rows' fresh keys, such as a new receipt's id,
    /// were known to nobody else), and those of satellite rows a unit deleted. A locator whose row
    /// is in its home partition (a commit the ledger judged unwritten) stays, and each delete is
    /// conditional on the ETag this writer left, so a locator another unit confirmed meanwhile
    /// stays too. Best effort: a locator left behind points at nothing, which reads as no row, so
    /// no failure here changes the unit's answer.
    /// </summary>
    private async Task RemoveLocatorsAsync(IReadOnlyList<TableEntity> locators, string home)
    {
        if (locators.Count == 0)
        {
            return;
        }
        try
        {
            await Task.WhenAll(locators.Select(async locator =>
            {
                if (!(await _clients.Reads.GetEntityIfExistsAsync<TableEntity>(home, locator.RowKey, select: [AzureRows.Version])).HasValue)
                {
                    await _clients.Reads.DeleteEntityAsync(locator.PartitionKey, locator.RowKey, locator.ETag);
                }
            }));
        }
        catch (Exception e)
        {
            StorageLog.LocatorsLeft(_logger, e.Message);
        }
    }

    private async Task<StoredRow?> FollowAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var response = await _clients.Reads.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }
        var entity = response.Value!;
        if (!AzureRows.IsLocator(entity, out var home))
        {
            return AzureRows.Stored(entity);
        }
        var located = await _clients.Reads.GetEntityIfExistsAsync<TableEntity>(home, rowKey, cancellationToken: cancellationToken);
        return located.HasValue && !AzureRows.IsLocator(located.Value!, out _) ? AzureRows.Stored(located.Value!) : null;
    }

    private static string? TableOf(WriteOp op) => op switch
    {
        InsertRow r => r.Table,
        ReplaceRow r => r.Table,
        UpsertRow r => r.Table,
        DeleteRow r => r.Table,
        _ => null,
    };

    private void CheckTable(string table)
    {
        if (!_tables.Contains(table))
        {
            throw new ArgumentException($"Table '{table}' is not declared.", nameof(table));
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw new UnavailableException($"Storage is not reachable: {e.Message}");
        }
    }

    /// <summary>A failed request, also after the client's own retries (an AggregateException of them).</summary>
    private static bool IsUnreachable(Exception e) => e switch
    {
        RequestFailedException or TimeoutException or IOException or HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnreachable),
        _ => false,
    };
}
