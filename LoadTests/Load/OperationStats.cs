using System.Collections.Concurrent;

namespace Voting.LoadTests.Load;

/// <summary>Latency and answer counts for one kind of request (vote, signature, read-results, ...).</summary>
public sealed class OperationStats
{
    private long _ok;
    private long _failed;

    public LatencyHistogram Latency { get; } = new();

    public ConcurrentDictionary<int, long> ByStatus { get; } = new();

    public ConcurrentDictionary<string, long> ByCode { get; } = new();

    public long Ok => Interlocked.Read(ref _ok);

    public long Failed => Interlocked.Read(ref _failed);

    public long Completed => Ok + Failed;

    public void Record(Outcome outcome, TimeSpan latency)
    {
        Latency.Record(latency);
        ByStatus.AddOrUpdate(outcome.Status, 1, (_, n) => n + 1);
        if (outcome.Code is not null)
        {
            ByCode.AddOrUpdate(outcome.Code, 1, (_, n) => n + 1);
        }

        if (outcome.Ok)
        {
            Interlocked.Increment(ref _ok);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
