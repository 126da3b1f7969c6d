using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Voting.Storage;

/// <summary>The ledger's OpenTelemetry instruments and activity source (both named "Voting.Storage").</summary>
public static class StorageMetrics
{
    public const string Name = "Voting.Storage";

    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Counter<long> Commits = Meter.CreateCounter<long>("voting.storage.commits", description: "Group commits that committed");
    private static readonly Counter<long> CommitFailures = Meter.CreateCounter<long>("voting.storage.commit_failures", description: "Group commits that failed");
    private static readonly Counter<long> CommittedUnits = Meter.CreateCounter<long>("voting.storage.units", description: "Write units committed");
    private static readonly Histogram<double> CommitSeconds = Meter.CreateHistogram<double>("voting.storage.commit.duration", "s", "Time of one group commit");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("voting.storage.batch.size", description: "Units per group commit");

    internal static void RecordCommit(string provider, int units, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("provider", provider);
        Commits.Add(1, tag);
        CommittedUnits.Add(units, tag);
        CommitSeconds.Record(elapsed.TotalSeconds, tag);
        BatchSize.Record(units, tag);
    }

    internal static void RecordCommitFailure(string provider) => CommitFailures.Add(1, new KeyValuePair<string, object?>("provider", provider));
}
