using System.Diagnostics;

namespace Voting.LoadTests.Load;

/// <summary>
/// Open-model load: a dedicated thread releases arrivals at their intended send times from a
/// <see cref="RateProfile"/>, independent of responses. Latency is measured from the INTENDED
/// send time, so a stalled server or a late scheduler shows up in the numbers (no coordinated
/// omission). When <c>maxInFlight</c> requests are outstanding, an arrival is dropped and
/// counted (k6's dropped_iterations), never queued.
/// </summary>
public sealed class ArrivalScheduler(RateProfile profile, int maxInFlight, TimeSpan drainTimeout)
{
    private long _inFlight;

    public async Task<RunStats> RunAsync(string name, Operation operation, CancellationToken cancellationToken)
    {
        var stats = new RunStats(name) { TargetRate = profile.PeakRate };
        var start = Stopwatch.GetTimestamp();
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Release(stats, operation, start, released, cancellationToken))
        {
            IsBackground = true,
            Name = "arrival-scheduler",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        await released.Task;

        var drainUntil = Stopwatch.GetTimestamp() + (long)(drainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref _inFlight) > 0 && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(5, CancellationToken.None);
        }

        stats.Elapsed = Stopwatch.GetElapsedTime(start);
        return stats;
    }

    private void Release(RunStats stats, Operation operation, long start, TaskCompletionSource released, CancellationToken cancellationToken)
    {
        try
        {
            for (long i = 0; !cancellationToken.IsCancellationRequested; i++)
            {
                var at = profile.TimeOf(i);
                if (at is null)
                {
                    break;
                }

                var due = start + (long)(at.Value * Stopwatch.Frequency);
                WaitUntil(due);
                stats.CountScheduled();
                if (Interlocked.Increment(ref _inFlight) > maxInFlight)
                {
                    Interlocked.Decrement(ref _inFlight);
                    stats.CountDropped();
                    continue;
                }

                var index = i;
                ThreadPool.UnsafeQueueUserWorkItem(_ => _ = ExecuteAsync(stats, operation, index, due, cancellationToken), null);
            }
        }
        finally
        {
            released.TrySetResult();
        }
    }

    private async Task ExecuteAsync(RunStats stats, Operation operation, long index, long due, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await Invoke.SafelyAsync(operation, index, cancellationToken);
            stats.Record(outcome, Stopwatch.GetElapsedTime(due));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void WaitUntil(long due)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var remaining = due - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > Stopwatch.Frequency / 500)
            {
                Thread.Sleep(1);
            }
            else
            {
                spinner.SpinOnce(-1);
            }
        }
    }
}
