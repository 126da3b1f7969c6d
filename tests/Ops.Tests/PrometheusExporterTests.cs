using System.Diagnostics.Metrics;
using Voting.Runtime.Telemetry;
using Xunit;

namespace Voting.Ops.Tests;

/// <summary>The exporter's text format (Prometheus 0.0.4) and aggregation, on a meter of the test's own.</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly string _meterName = "Voting.Test." + Guid.NewGuid().ToString("N");
    private readonly Meter _meter;
    private readonly MetricsAggregator _aggregator;

    public PrometheusExporterTests()
    {
        _meter = new Meter(_meterName);
        _aggregator = new MetricsAggregator([_meterName]);
    }

    public void Dispose()
    {
        _aggregator.Dispose();
        _meter.Dispose();
    }

    private string Scrape() => PrometheusTextWriter.Write(_aggregator.Collect());

    [Fact]
    public void Counter_IsWrittenWithTotalSuffixHelpTypeAndLabels()
    {
        var counter = _meter.CreateCounter<long>("voting.test.ballots", description: "Ballots cast");
        counter.Add(2, new KeyValuePair<string, object?>("kind", "online"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "online"));
        counter.Add(1, new KeyValuePair<string, object?>("kind", "paper"));

        var text = Scrape();

        Assert.Contains(
            "# HELP voting_test_ballots_total Ballots cast\n" +
            "# TYPE voting_test_ballots_total counter\n", text);
        Assert.Contains("voting_test_ballots_total{kind=\"online\"} 5\n", text);
        Assert.Contains("voting_test_ballots_total{kind=\"paper\"} 1\n", text);
    }

    [Fact]
    public void Histogram_WithLabels_WritesCumulativeBucketsSumAndCount()
    {
        var histogram = _meter.CreateHistogram<double>("voting.test.request.duration", "s", "Request time");
        KeyValuePair<string, object?>[] tags = [new("http.route", "/api/v1/editions/{editionId}/ballots"), new("http.response.status_code", 201)];
        foreach (var seconds in new[] { 0.0005, 0.003, 0.003, 20 })
        {
            histogram.Record(seconds, tags);
        }

        var text = Scrape();

        const string Labels = "http_response_status_code=\"201\",http_route=\"/api/v1/editions/{editionId}/ballots\"";
        Assert.Contains("# TYPE voting_test_request_duration_seconds histogram\n", text);
        Assert.Contains($"voting_test_request_duration_seconds_bucket{{{Labels},le=\"0.001\"}} 1\n", text);
        Assert.Contains($"voting_test_request_duration_seconds_bucket{{{Labels},le=\"0.0025\"}} 1\n", text);
        Assert.Contains($"voting_test_request_duration_seconds_bucket{{{Labels},le=\"0.005\"}} 3\n", text);
        Assert.Contains($"voting_test_request_duration_seconds_bucket{{{Labels},le=\"10\"}} 3\n", text);
        Assert.Contains($"voting_test_request_duration_seconds_bucket{{{Labels},le=\"+Inf\"}} 4\n", text);
        Assert.Contains($"voting_test_request_duration_seconds_sum{{{Labels}}} {PrometheusTextWriter.Number(0.0005 + 0.003 + 0.003 + 20)}\n", text);
        Assert.Contains($"voting_test_request_duration_seconds_count{{{Labels}}} 4\n", text);
        Assert.Equal(HistogramBounds.Seconds.Length + 1, text.Split('\n').Count(l => l.StartsWith("voting_test_request_duration_seconds_bucket", StringComparison.Ordinal)));
    }

    [Fact]
    public void Histogram_WithoutUnit_UsesSizeBuckets()
    {
        var histogram = _meter.CreateHistogram<int>("voting.test.batch.size");
        histogram.Record(3);
        histogram.Record(100);

        var text = Scrape();

        Assert.Contains("voting_test_batch_size_bucket{le=\"2\"} 0\n", text);
        Assert.Contains("voting_test_batch_size_bucket{le=\"4\"} 1\n", text);
        Assert.Contains("voting_test_batch_size_bucket{le=\"128\"} 2\n", text);
        Assert.Contains("voting_test_batch_size_sum 103\n", text);
    }

    [Theory]
    [InlineData("http.server.request.duration", "s", MetricType.Histogram, "http_server_request_duration_seconds")]
    [InlineData("voting.storage.commits", null, MetricType.Counter, "voting_storage_commits_total")]
    [InlineData("voting.storage.commit_failures", "", MetricType.Counter, "voting_storage_commit_failures_total")]
    [InlineData("dotnet.gc.collections", "{collection}", MetricType.Counter, "dotnet_gc_collections_total")]
    [InlineData("dotnet.process.cpu.time", "s", MetricType.Counter, "dotnet_process_cpu_time_seconds_total")]
    [InlineData("dotnet.process.memory.working_set", "By", MetricType.Gauge, "dotnet_process_memory_working_set_bytes")]
    [InlineData("voting.grains.activations", null, MetricType.Gauge, "voting_grains_activations")]
    [InlineData("requests_total", null, MetricType.Counter, "requests_total")]
    [InlineData("latency_seconds", "s", MetricType.Histogram, "latency_seconds")]
    [InlineData("my-metric..name", "ms", MetricType.Histogram, "my_metric_name_milliseconds")]
    [InlineData("9lives", null, MetricType.Gauge, "_9lives")]
    [InlineData("net.io", "By/s", MetricType.Gauge, "net_io_bytes_per_second")]
    public void MetricName_IsSanitizedWithUnitAndTotalSuffixes(string instrument, string? unit, MetricType type, string expected) =>
        Assert.Equal(expected, PrometheusNames.MetricName(instrument, unit, type));

    [Theory]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("gc.heap.generation", "gc_heap_generation")]
    [InlineData("a:b-c", "a_b_c")]
    public void LabelName_IsSanitized(string tag, string expected) => Assert.Equal(expected, PrometheusNames.LabelName(tag));

    [Fact]
    public void LabelValues_AreEscaped()
    {
        _meter.CreateCounter<int>("voting.test.escapes").Add(1, new KeyValuePair<string, object?>("v", "a\"b\\c\nd"));

        Assert.Contains("voting_test_escapes_total{v=\"a\\\"b\\\\c\\nd\"} 1\n", Scrape());
    }

    [Fact]
    public void TagsInAnotherOrder_CountInTheSameSeries()
    {
        var counter = _meter.CreateCounter<long>("voting.test.ordered");
        counter.Add(1, new KeyValuePair<string, object?>("a", "1"), new KeyValuePair<string, object?>("b", true));
        counter.Add(1, new KeyValuePair<string, object?>("b", true), new KeyValuePair<string, object?>("a", "1"));

        var text = Scrape();

        Assert.Contains("voting_test_ordered_total{a=\"1\",b=\"true\"} 2\n", text);
        Assert.Single(text.Split('\n'), l => l.StartsWith("voting_test_ordered_total{", StringComparison.Ordinal));
    }

    [Fact]
    public void UpDownCounterAndObservableGauge_AreGauges_ReadOnEachScrape()
    {
        var activations = _meter.CreateUpDownCounter<long>("voting.test.activations");
        activations.Add(5, new KeyValuePair<string, object?>("grain", "voter"));
        activations.Add(-2, new KeyValuePair<string, object?>("grain", "voter"));
        var reads = 0;
        _meter.CreateObservableGauge("voting.test.queue", () => ++reads, "{item}");

        var first = Scrape();
        var second = Scrape();

        Assert.Contains("# TYPE voting_test_activations gauge\nvoting_test_activations{grain=\"voter\"} 3\n", first);
        Assert.Contains("# TYPE voting_test_queue gauge\nvoting_test_queue 1\n", first);
        Assert.Contains("voting_test_queue 2\n", second);
    }

    [Fact]
    public void ObservableCounter_ReportsItsTotal_NotASumOfReads()
    {
        _meter.CreateObservableCounter("voting.test.cpu", () => 1.5, "s");

        Scrape();
        Assert.Contains("voting_test_cpu_seconds_total 1.5\n", Scrape());
    }

    [Fact]
    public async Task ConcurrentAdds_AreAllCounted()
    {
        var counter = _meter.CreateCounter<long>("voting.test.concurrent");
        var histogram = _meter.CreateHistogram<double>("voting.test.concurrent.duration", "s");
        const int Threads = 8, PerThread = 50_000;
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            var tag = new KeyValuePair<string, object?>("route", t % 2 == 0 ? "/a" : "/b");
            for (var i = 0; i < PerThread; i++)
            {
                counter.Add(1, tag);
                histogram.Record(0.002, tag);
            }
        })));

        var families = _aggregator.Collect();

        Assert.Equal(Threads * PerThread, families.Single(f => f.InstrumentName == "voting.test.concurrent").Series.Sum(s => s.Value));
        Assert.Equal(Threads * PerThread, families.Single(f => f.InstrumentName == "voting.test.concurrent.duration").Series.Sum(s => s.Count));
    }

    [Fact]
    public void TooManyLabelSets_GoToOneOverflowSeries()
    {
        var counter = _meter.CreateCounter<long>("voting.test.cardinality");
        for (var i = 0; i < 2100; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        }

        var family = _aggregator.Collect().Single(f => f.InstrumentName == "voting.test.cardinality");

        Assert.Equal(2001, family.Series.Count);
        Assert.Equal(100, family.Series.Single(s => s.Label("otel.metric.overflow") == "true").Value);
    }

    [Fact]
    public void MeterOfAnotherHost_IsIgnored()
    {
        var mine = new object();
        using var scoped = new MetricsAggregator([_meterName], mine);
        using var other = new Meter(new MeterOptions(_meterName) { Scope = new object() });
        using var own = new Meter(new MeterOptions(_meterName) { Scope = mine });
        other.CreateCounter<long>("voting.test.other").Add(1);
        own.CreateCounter<long>("voting.test.own").Add(1);
        _meter.CreateCounter<long>("voting.test.static").Add(1);

        var names = scoped.Collect().Select(f => f.Name).ToList();

        Assert.Contains("voting_test_own_total", names);
        Assert.Contains("voting_test_static_total", names);
        Assert.DoesNotContain("voting_test_other_total", names);
    }

    [Theory]
    [InlineData("Voting.Runtime", "Voting.*", true)]
    [InlineData("Voting", "Voting.*", true)]
    [InlineData("VotingX", "Voting.*", false)]
    [InlineData("System.Runtime", "System.Runtime", true)]
    [InlineData("System.Runtime.Extra", "System.Runtime", false)]
    public void MeterPatterns_MatchPrefixOrExactName(string meter, string pattern, bool expected) =>
        Assert.Equal(expected, MetricsAggregator.Matches(meter, pattern));
}
