namespace Voting.Gateway.Ops;

/// <summary>Group commit totals since start: commits, failed commits, write units, and two histograms.</summary>
public sealed record StorageView(long Commits, long Failures, long Units, HistogramView CommitSeconds, HistogramView BatchSize);
