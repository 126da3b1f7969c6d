using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Voting.Failures;

namespace Voting.Storage;

/// <summary>
/// Group commit: units queued by many grains are written in one transaction, and each caller's
/// task completes only after that transaction committed. While one commit is in flight the next
/// batch fills up, so the batch size follows the load without a timer.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private const int MaxAttempts = 3;

    private readonly Func<IReadOnlyList<WriteUnit>, int, CancellationToken, Task<WriteResult[]>> _write;
    private readonly SqlDialect _dialect;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly BackgroundLoop[] _loops;

    public GroupCommitter(Func<IReadOnlyList<WriteUnit>, int, CancellationToken, Task<WriteResult[]>> write, SqlDialect dialect, StorageOptions options, TimeProvider time, ILogger logger)
    {
        _write = write;
        _dialect = dialect;
        _options = options;
        _time = time;
        _logger = logger;
        var slotBase = CounterSlots.BaseFor(options.WriterId, dialect.MaxConcurrentBatches);
        _loops = Enumerable.Range(0, dialect.MaxConcurrentBatches)
            .Select(i => new BackgroundLoop(() => RunAsync(slotBase + i), ownThread: dialect.BlocksCallingThread))
            .ToArray();
    }

    public Task<WriteResult> EnqueueAsync(WriteUnit unit, CancellationToken cancellationToken)
    {
        var pending = new Pending(unit, new TaskCompletionSource<WriteResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new UnavailableException("Storage is shutting down.");
        }
        // The caller may stop waiting, but the unit stays queued: it is either written or not,
        // and the outcome is decided by the database, never by the caller's patience.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync(int counterSlot)
    {
        var batch = new List<Pending>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            if (_options.BatchDelayMilliseconds > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.BatchDelayMilliseconds), _time);
            }
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            if (batch.Count > 0)
            {
                await CommitAsync(batch, counterSlot);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch, int counterSlot)
    {
        var units = batch.Select(p => p.Unit).ToArray();
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var results = await _write(units, counterSlot, _stopping.Token);
                StorageMetrics.RecordCommit(_dialect.Name, units.Length, Stopwatch.GetElapsedTime(started));
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
                return;
            }
            catch (CommitOutcomeUnknownException e)
            {
                // Not retried: if the first commit did land, a retry would answer its callers as replays.
                StorageMetrics.RecordCommitFailure(_dialect.Name);
                StorageLog.CommitOutcomeUnknown(_logger, e.InnerException ?? e, units.Length);
                Fail(batch, new OutcomeUnknownException("The commit was sent but its answer was lost; send the same request again."));
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && _dialect.IsTransient(e))
            {
                StorageLog.CommitRetry(_logger, units.Length, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), _time);
            }
            catch (Exception e)
            {
                StorageMetrics.RecordCommitFailure(_dialect.Name);
                StorageLog.CommitFailed(_logger, e, units.Length);
                Fail(batch, new UnavailableException("The write could not be committed; nothing was recorded."));
                return;
            }
        }
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
        _queue.Writer.TryComplete();
        foreach (var loop in _loops)
        {
            await loop.DisposeAsync();
        }
        _stopping.Dispose();
    }

    private sealed record Pending(WriteUnit Unit, TaskCompletionSource<WriteResult> Completion);
}
