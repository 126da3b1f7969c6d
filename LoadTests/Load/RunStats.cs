using System.Collections.Concurrent;

namespace Voting.LoadTests.Load;

/// <summary>Everything measured in one run (one open-model profile or one closed-loop burst).</summary>
public sealed class RunStats(string name)
{
    private long _scheduled;
    private long _dropped;

    public string Name { get; } = name;

    public ConcurrentDictionary<string, OperationStats> Operations { get; } = new();

    /// <summary>Arrivals the scheduler produced (sent + dropped).</summary>
    public long Scheduled => Interlocked.Read(ref _scheduled);

    /// <summary>Arrivals not sent because max-in-flight was reached (k6: dropped_iterations).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Sent => Scheduled - Dropped;

    public long Completed => Operations.Values.Sum(o => o.Completed);

    public long Failed => Operations.Values.Sum(o => o.Failed);

    public TimeSpan Elapsed { get; set; }

    public double TargetRate { get; set; }

    public double AchievedRate => Elapsed.TotalSeconds <= 0 ? 0 : Completed / Elapsed.TotalSeconds;

    public void CountScheduled()
    {
        Interlocked.Increment(ref _scheduled);
    }

    public void CountDropped()
    {
        Interlocked.Increment(ref _dropped);
    }

    public void Record(Outcome outcome, TimeSpan latency)
    {
        Operations.GetOrAdd(outcome.Operation, _ => new OperationStats()).Record(outcome, latency);
    }

    public LatencyHistogram AllLatency()
    {
        var all = new LatencyHistogram();
        foreach (var op in Operations.Values)
        {
            all.Add(op.Latency);
        }

        return all;
    }
}
