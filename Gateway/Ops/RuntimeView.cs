namespace Voting.Gateway.Ops;

/// <summary>.NET runtime readings ("System.Runtime" meter): totals since start and current values.</summary>
public sealed record RuntimeView(
    double CpuSeconds,
    IReadOnlyDictionary<string, long> GcCollections,
    double GcPauseSeconds,
    double HeapBytes,
    double WorkingSetBytes,
    double AllocatedBytes,
    long ThreadPoolThreads,
    long ThreadPoolQueue,
    long ThreadPoolCompleted,
    long Exceptions,
    long LockContentions);
