using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Voting.Runtime;

/// <summary>The runtime's OpenTelemetry instruments (meter and activity source "Voting.Runtime").</summary>
public static class RuntimeMetrics
{
    public const string Name = "Voting.Storage";

    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Counter<long> Commits = Meter.CreateCounter<long>("voting.storage.commits", description: "Group commits that committed");
    private static readonly Counter<long> CommitFailures = Meter.CreateCounter<long>("voting.storage.commit_failures", description: "Group commits that failed");
    private static readonly Counter<long> CommittedUnits = Meter.CreateCounter<long>("voting.storage.units", description: "Write units committed");
    private static readonly Histogram<double> CommitSeconds = Meter.CreateHistogram<double>("voting.storage.commit.duration", "s", "Time of one group commit");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("voting.storage.batch.size", description: "Units per group commit");
    private static readonly UpDownCounter<long> Activations = Meter.CreateUpDownCounter<long>("voting.grains.activations", description: "Grain activations in memory");
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("voting.grains.calls", description: "Grain calls served");

    internal static void RecordCommit(string provider, int units, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("provider", provider);
        Commits.Add(1, tag);
        CommittedUnits.Add(units, tag);
        CommitSeconds.Record(elapsed.TotalSeconds, tag);
        BatchSize.Record(units, tag);
    }

    internal static void RecordCommitFailure(string provider) => CommitFailures.Add(1, new KeyValuePair<string, object?>("provider", provider));

    internal static void ActivationAdded(string grainType) => Activations.Add(1, new KeyValuePair<string, object?>("grain", grainType));

    internal static void ActivationRemoved(string grainType) => Activations.Add(-1, new KeyValuePair<string, object?>("grain", grainType));

    internal static void CallServed(string grainType) => Calls.Add(1, new KeyValuePair<string, object?>("grain", grainType));
}
