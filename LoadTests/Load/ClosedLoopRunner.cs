using System.Diagnostics;

namespace Voting.LoadTests.Load;

/// <summary>
/// Closed-model saturation: N workers each send the next request as soon as the previous one
/// answers. Its throughput is the system's maximum; its latencies are service times only
/// (closed loops hide queueing, so use the open model for latency SLOs).
/// </summary>
public static class ClosedLoopRunner
{
    public static async Task<RunStats> RunAsync(string name, int workers, TimeSpan duration, Operation operation, CancellationToken cancellationToken)
    {
        var stats = new RunStats(name);
        long next = -1;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task WorkerAsync()
        {
            await Task.Yield();
            while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < end)
            {
                var index = Interlocked.Increment(ref next);
                stats.CountScheduled();
                var sent = Stopwatch.GetTimestamp();
                var outcome = await Invoke.SafelyAsync(operation, index, cancellationToken);
                stats.Record(outcome, Stopwatch.GetElapsedTime(sent));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkerAsync()));
        stats.Elapsed = Stopwatch.GetElapsedTime(start);
        stats.TargetRate = double.NaN;
        return stats;
    }
}
