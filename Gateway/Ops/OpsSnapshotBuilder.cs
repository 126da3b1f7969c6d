using Voting.Silo.Hosting;

namespace Voting.Gateway.Ops;

/// <summary>Builds the <c>/ops</c> snapshot from the instruments <c>/metrics</c> exports, read in process.</summary>
public sealed class OpsSnapshotBuilder(OpsMetricReader reader, ProcessMetrics process, TelemetryIdentity identity, TimeProvider time)
{
    /// <summary>The ballot endpoint's route template, as ASP.NET Core tags it (http.route).</summary>
    public const string BallotRoute = "/api/v1/editions/{editionId}/ballots";

    /// <summary>Orleans' gauge of activations in memory, one series per grain type (meter "Microsoft.Orleans").</summary>
    public const string ActivationsInstrument = "orleans-catalog-activations";

    /// <summary>The tag of <see cref="ActivationsInstrument"/> naming the grain type (e.g. "voter").</summary>
    public const string GrainTypeTag = "grain_type";

    private static readonly string[] OpsRoutes = ["/ops", "/metrics", "/health"];

    private readonly long _started = time.GetTimestamp();

    public OpsSnapshot Build()
    {
        var readings = reader.Read().ToLookup(r => r.Instrument, StringComparer.Ordinal);
        IEnumerable<MetricReading> Series(string name) => readings[name];
        double Total(string name) => Series(name).Sum(s => s.Value);

        var requests = Series("http.server.request.duration").ToList();
        var ballots = requests.Where(s => s.Label("http.route") == BallotRoute && s.Label("http.request.method") == "POST").ToList();
        // The page's own polling (and probes, scrapes) would drown the 2xx count: left out.
        var served = requests.Where(s => s.Label("http.route") is not { } route || !OpsRoutes.Any(p => route.StartsWith(p, StringComparison.Ordinal))).ToList();

        var storage = new StorageView(
            (long)Total("voting.storage.commits"),
            (long)Total("voting.storage.commit_failures"),
            (long)Total("voting.storage.units"),
            HistogramView.Merge(Series("voting.storage.commit.duration"), HistogramBounds.Seconds),
            HistogramView.Merge(Series("voting.storage.batch.size"), HistogramBounds.Sizes));

        var runtime = new RuntimeView(
            Total("dotnet.process.cpu.time"),
            ByLabel(Series("dotnet.gc.collections"), "gc.heap.generation", s => (long)s.Value),
            Total("dotnet.gc.pause.time"),
            Total("dotnet.gc.last_collection.heap.size"),
            Total("dotnet.process.memory.working_set"),
            Total("dotnet.gc.heap.total_allocated"),
            (long)Total("dotnet.thread_pool.thread.count"),
            (long)Total("dotnet.thread_pool.queue.length"),
            (long)Total("dotnet.thread_pool.work_item.count"),
            (long)Total("dotnet.exceptions"),
            (long)Total("dotnet.monitor.lock_contentions"));

        // Orleans' own system targets (grain types "sys.*") are not the product's activations.
        var activations = Series(ActivationsInstrument).Where(s => s.Label(GrainTypeTag) is not { } type || !type.StartsWith("sys.", StringComparison.Ordinal));

        return new OpsSnapshot(
            identity.Component,
            identity.Version,
            process.Uptime.TotalSeconds,
            time.GetElapsedTime(_started).TotalSeconds,
            Environment.ProcessorCount,
            HistogramView.Merge(ballots, HistogramBounds.Seconds),
            ByLabel(ballots, "http.response.status_code", s => s.Count),
            ByLabel(served, "http.response.status_code", s => s.Count),
            (long)Total("http.server.active_requests"),
            (long)Total("kestrel.active_connections"),
            storage,
            ByLabel(activations, GrainTypeTag, s => (long)s.Value),
            runtime);
    }

    private static Dictionary<string, long> ByLabel(IEnumerable<MetricReading> series, string label, Func<MetricReading, long> value)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var sample in series)
        {
            var key = sample.Label(label) ?? "other";
            result[key] = result.GetValueOrDefault(key) + value(sample);
        }
        return result;
    }
}
