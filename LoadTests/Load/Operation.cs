namespace Voting.LoadTests.Load;

/// <summary>One request of a workload. <paramref name="index"/> is the arrival number within the run.</summary>
public delegate Task<Outcome> Operation(long index, CancellationToken cancellationToken);
