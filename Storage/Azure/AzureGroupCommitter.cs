using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Logging;
using Voting.Failures;

namespace Voting.Storage.Azure;

/// <summary>
/// Group commit per partition: units queue by home partition; each partition with queued units
/// has one commit loop in this process, which takes as many queued units (in order) as fit one
/// transaction (100 actions, no entity twice) and commits them together. Partitions commit in
/// parallel, up to <see cref="MaxConcurrentPartitions"/> at once.
/// </summary>
internal sealed class AzureGroupCommitter : IAsyncDisposable
{
    public const string ProviderName = "azure";
    private const int MaxConcurrentPartitions = 64;
    private const int MaxAttempts = 3;

    private readonly AzureBatchWriter _writer;
    private readonly StorageOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Queue<Pending>> _queues = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _running = [];
    private readonly SemaphoreSlim _slots = new(MaxConcurrentPartitions);
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    public AzureGroupCommitter(AzureBatchWriter writer, StorageOptions options, ILogger logger)
    {
        _writer = writer;
        _options = options;
        _logger = logger;
    }

    public Task<AzureAnswer> EnqueueAsync(AzureUnit unit, CancellationToken cancellationToken)
    {
        var pending = new Pending(unit, new TaskCompletionSource<AzureAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_queues)
        {
            if (_disposed)
            {
                throw new UnavailableException("Storage is shutting down.");
            }
            if (_queues.TryGetValue(unit.Home, out var queue))
            {
                queue.Enqueue(pending);
            }
            else
            {
                queue = new Queue<Pending>();
                queue.Enqueue(pending);
                _queues[unit.Home] = queue;
                var loop = Task.Run(() => DrainAsync(unit.Home, queue));
                _running.Add(loop);
                _ = loop.ContinueWith(t => { lock (_queues) { _running.Remove(t); } }, TaskScheduler.Default);
            }
        }
        // The caller may stop waiting; the unit stays queued and the table decides its outcome.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync(string partition, Queue<Pending> queue)
    {
        while (true)
        {
            if (_options.BatchDelayMilliseconds > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.BatchDelayMilliseconds));
            }
            List<Pending> batch;
            lock (_queues)
            {
                batch = TakeBatch(queue);
                if (batch.Count == 0)
                {
                    _queues.Remove(partition);
                    return;
                }
            }
            await _slots.WaitAsync();
            try
            {
                await CommitAsync(partition, batch);
            }
            finally
            {
                _slots.Release();
            }
        }
    }

    /// <summary>Queued units, in order, while they fit one transaction and touch no entity another one touches.</summary>
    private List<Pending> TakeBatch(Queue<Pending> queue)
    {
        var batch = new List<Pending>();
        var written = new HashSet<string>(StringComparer.Ordinal);
        var gates = new HashSet<string>(StringComparer.Ordinal);
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        var actions = 0;
        var bytes = 0;
        while (batch.Count < _options.MaxBatchSize && queue.TryPeek(out var next))
        {
            var unit = next.Unit;
            var keys = unit.RowKeys.ToList();
            if (keys.Any(k => written.Contains(k) || gates.Contains(k)) || (unit.GateRowKey is { } g && written.Contains(g)))
            {
                break;
            }
            var added = keys.Count + (unit.GateRowKey is { } gate && !gates.Contains(gate) ? 1 : 0) + unit.Counters.Keys.Count(s => !scopes.Contains(s));
            if (batch.Count > 0 && (actions + added > AzureUnit.MaxActions || bytes + unit.Bytes > AzureUnit.MaxBytes))
            {
                break;
            }
            queue.Dequeue();
            batch.Add(next);
            actions += added;
            bytes += unit.Bytes;
            written.UnionWith(keys);
            if (unit.GateRowKey is not null)
            {
                gates.Add(unit.GateRowKey);
            }
            scopes.UnionWith(unit.Counters.Keys);
        }
        return batch;
    }

    private async Task CommitAsync(string partition, List<Pending> batch)
    {
        var units = batch.Select(p => p.Unit).ToArray();
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var results = await _writer.WriteAsync(partition, units, _stopping.Token);
                StorageMetrics.RecordCommit(ProviderName, units.Length, Stopwatch.GetElapsedTime(started));
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
                return;
            }
            catch (AzureTransactionSentException e) when (attempt < MaxAttempts && IsBusy(e.InnerException!))
            {
                StorageLog.CommitRetry(_logger, units.Length, attempt, e.InnerException!.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
            }
            catch (AzureTransactionSentException e) when (!(IsBusy(e.InnerException!) || IsRefused(e.InnerException!) || NeverSent(e.InnerException!)))
            {
                // The transaction was sent and its answer lost (timeout, connection reset, 500, 408): it
                // may have committed. Not retried: a retry would answer its callers as replays.
                StorageMetrics.RecordCommitFailure(ProviderName);
                StorageLog.CommitOutcomeUnknown(_logger, e.InnerException!, units.Length);
                Fail(batch, new OutcomeUnknownException("The commit was sent but its answer was lost; send the same request again."));
                return;
            }
            catch (Exception e)
            {
                // Refused, busy after the retries, never sent, or failed before sending (a read, a
                // refused unit): a transaction is atomic, so nothing of this batch was written.
                StorageMetrics.RecordCommitFailure(ProviderName);
                StorageLog.CommitFailed(_logger, e, units.Length);
                Fail(batch, new UnavailableException("The write could not be committed; nothing was recorded."));
                return;
            }
        }
    }

    /// <summary>The service is throttling or busy: it processed nothing, and the same transaction may pass later.</summary>
    private static bool IsBusy(Exception e) => e is RequestFailedException { Status: 503 or 429 };

    /// <summary>
    /// The service refused the transaction (a 4xx other than a timeout): a transaction is atomic,
    /// so nothing of it was written. A 500, a 408 or a lost answer is not a refusal.
    /// </summary>
    private static bool IsRefused(Exception e) => e is RequestFailedException { Status: >= 400 and < 500 and not 408 };

    /// <summary>The connection was refused: the request never reached the service.</summary>
    private static bool NeverSent(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
            {
                return true;
            }
        }
        return false;
    }

    private static void Fail(List<Pending> batch, Exception failure)
    {
        foreach (var pending in batch)
        {
            pending.Completion.TrySetException(failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_queues)
        {
            _disposed = true;
            running = [.. _running];
        }
        await Task.WhenAll(running);
        _stopping.Dispose();
        _slots.Dispose();
    }

    private sealed record Pending(AzureUnit Unit, TaskCompletionSource<AzureAnswer> Completion);
}
