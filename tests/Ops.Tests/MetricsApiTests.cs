using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Voting.Gateway.Ops;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Ops.Tests.Infrastructure;
using Voting.Silo.Hosting;
using Xunit;

namespace Voting.Ops.Tests;

/// <summary>
/// /metrics (the OpenTelemetry Prometheus exporter), /ops/snapshot and /ops through the gateway
/// (in memory, one host per test class). Every series the exporter writes carries an
/// <c>otel_scope_name</c> label (the meter) first.
/// </summary>
public sealed partial class MetricsApiTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    /// <summary>The ballot endpoint's request counts (any scope, protocol and scheme labels).</summary>
    private static readonly string[] BallotLabels = ["http_request_method=\"POST\"", "http_response_status_code=\"201\"", "http_route=\"/api/v1/editions/{editionId}/ballots\""];

    /// <summary>Orleans' activation gauge (meter "Microsoft.Orleans", instrument "orleans-catalog-activations") as Prometheus names it.</summary>
    private const string OrleansActivations = "orleans_catalog_activations";

    private readonly HttpClient _client = factory.CreateAdminClient(); // the management surface needs the admin token (issue 9)

    [Fact]
    public async Task CastBallot_IsCountedInMetrics()
    {
        var before = BallotCount(await ScrapeAsync());
        var edition = await Votes.CreateEditionAsync(factory.CreateAdminClient());
        var pesels = await Votes.CastAsync(_client, edition, 3);

        var text = await ScrapeAsync();

        Assert.Equal(before + 3, BallotCount(text));
        Assert.All(pesels, pesel => Assert.DoesNotContain(pesel, text));
        Assert.Matches(@"(?m)^voting_storage_commits_total\{otel_scope_name=""Voting.Storage"",provider=""sqlite""\} [1-9]", text);
        Assert.Matches(@"(?m)^voting_storage_units_total\{otel_scope_name=""Voting.Storage"",provider=""sqlite""\} [1-9]", text);
        Assert.Matches(@"(?m)^voting_storage_commit_duration_seconds_bucket\{otel_scope_name=""Voting.Storage"",provider=""sqlite"",le=""0.001""\} [0-9]", text);
        Assert.Matches(@"(?m)^voting_storage_commit_duration_seconds_bucket\{otel_scope_name=""Voting.Storage"",provider=""sqlite"",le=""\+Inf""\} [1-9]", text);
        Assert.Matches(@"(?m)^voting_storage_batch_size_count\{otel_scope_name=""Voting.Storage"",provider=""sqlite""\} [1-9]", text);
        Assert.Matches(@"(?m)^voting_build_info\{otel_scope_name=""Voting.Process"",component=""embedded"",version=""[^""]+""\} 1$", text);
        Assert.Matches(@"(?m)^voting_process_uptime_seconds\{otel_scope_name=""Voting.Process""\} [0-9.]+", text);
        Assert.Matches(@"(?m)^target_info\{(?=[^}]*service_name=""voting-embedded"")[^}]*\} 1$", text);
        Assert.Matches(@"(?m)^dotnet_process_cpu_time_seconds_total\{otel_scope_name=""System.Runtime"",cpu_mode=""user""\} ", text);
        Assert.Matches(@"(?m)^dotnet_gc_collections_total\{otel_scope_name=""System.Runtime"",gc_heap_generation=""gen0""\} ", text);
        // System.Runtime publishes the thread count as an ObservableCounter: the exporter names it a counter.
        Assert.Contains("# TYPE dotnet_thread_pool_thread_count_total counter\n", text);
    }

    /// <summary>
    /// Orleans' own meter counts activations per grain type. A voter leaves memory once its ballot
    /// is written; a replay (which writes nothing) activates it again and it stays for the collection age.
    /// </summary>
    [Fact]
    public async Task CastBallot_VoterActivations_AreInOrleansMeter_OnMetricsAndSnapshot()
    {
        var edition = await Votes.CreateEditionAsync(factory.CreateAdminClient());
        foreach (var pesel in await Votes.CastAsync(_client, edition, 2))
        {
            await (await _client.PostJsonAsync($"/api/v1/editions/{edition}/ballots", TestEditions.Ballot(pesel, "c1", "n1"))).AssertStatusAsync(HttpStatusCode.OK);
        }

        var text = await ScrapeAsync();
        var snapshot = JsonNode.Parse(await _client.GetStringAsync("/ops/snapshot"))!.AsObject();

        Assert.Matches(@"(?m)^" + OrleansActivations + @"\{otel_scope_name=""Microsoft.Orleans"",grain_type=""voter""\} [1-9]", text);
        Assert.True((long)snapshot["activations"]!["voter"]! >= 2);
    }

    [Fact]
    public async Task Metrics_IsPrometheusText_EveryLineWellFormed()
    {
        await _client.GetAsync("/health/live");
        var response = await _client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(PrometheusLine(), line));
        var types = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(types.Count, types.Distinct().Count());
    }

    [Fact]
    public async Task Snapshot_TurnoutPanel_BallotsPerHourAndPool_SignatureProgress_NoVoterData()
    {
        var admin = factory.CreateAdminClient();
        var edition = await Votes.CreateEditionAsync(admin);
        var pesels = await Votes.CastAsync(_client, edition, 3);
        var initiative = TestEditions.NewId();
        await (await admin.PostJsonAsync("/api/v1/admin/initiatives", new JsonObject { ["id"] = initiative, ["title"] = "Trees", ["threshold"] = 4, ["collectFrom"] = "2020-01-01T00:00:00Z", ["collectUntil"] = "2099-01-01T00:00:00Z" })).AssertStatusAsync(HttpStatusCode.Created);
        var signer = Pesels.NextAdult();
        await (await _client.PostJsonAsync($"/api/v1/initiatives/{initiative}/signatures", new JsonObject { ["voter"] = new JsonObject { ["pesel"] = signer } })).AssertStatusAsync(HttpStatusCode.Created);

        var plain = JsonNode.Parse(await _client.GetStringAsync("/ops/snapshot"))!.AsObject();
        Assert.Empty(plain["turnout"]!["editions"]!.AsArray());
        Assert.Empty(plain["turnout"]!["initiatives"]!.AsArray());

        var text = await _client.GetStringAsync($"/ops/snapshot?edition={edition},unknown-edition,bad%20id&initiative={initiative}");
        var turnout = JsonNode.Parse(text)!["turnout"]!;
        var editions = turnout["editions"]!.AsArray();
        Assert.Equal(2, editions.Count); // the malformed id is dropped
        var watched = editions[0]!;
        Assert.Equal(edition, (string?)watched["editionId"]);
        Assert.Null(watched["problem"]);
        Assert.Equal(3, (long)watched["ballots"]!);
        Assert.Equal(3, watched["byHour"]!.AsArray().Sum(h => (long)h!["ballots"]!));
        var byPool = watched["byPool"]!.AsArray().Select(p => (long)p!["ballots"]!).ToList();
        Assert.Equal(2, byPool.Count(n => n == 3)); // every ballot picks c1 and n1: their two pools
        Assert.All(byPool, n => Assert.True(n is 0 or 3));
        Assert.Equal("edition-not-found", (string?)editions[1]!["problem"]);
        var progress = turnout["initiatives"]!.AsArray().Single()!;
        Assert.Equal((initiative, 1L, 4), ((string)progress["initiativeId"]!, (long)progress["signatures"]!, (int)progress["threshold"]!));
        Assert.Equal("collecting", (string?)progress["status"]);
        Assert.All(pesels.Append(signer), pesel => Assert.DoesNotContain(pesel, text));
        Assert.DoesNotContain("pesel", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("voterKey", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OpsPage_HasTheTurnoutPanel_AndPassesItsWatchedIdsOn()
    {
        var html = await _client.GetStringAsync("/ops");
        Assert.Contains("id=\"turnout\"", html);
        Assert.Contains("\"/ops/snapshot\" + WATCH", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public async Task Snapshot_CountsBallotsByStatus_AndNamesNoVoter()
    {
        var edition = await Votes.CreateEditionAsync(factory.CreateAdminClient());
        var pesels = await Votes.CastAsync(_client, edition, 2);

        var response = await _client.GetAsync("/ops/snapshot");
        var text = await response.Content.ReadAsStringAsync();
        var snapshot = JsonNode.Parse(text)!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((long)snapshot["ballots"]!["count"]! >= 2);
        Assert.True((long)snapshot["ballotStatuses"]!["201"]! >= 2);
        Assert.True((long)snapshot["storage"]!["units"]! >= 2);
        Assert.True((long)snapshot["storage"]!["commits"]! >= 1);
        Assert.Equal(HistogramBounds.Seconds.Length + 1, snapshot["storage"]!["commitSeconds"]!["counts"]!.AsArray().Count);
        Assert.Equal(HistogramBounds.Sizes.Length + 1, snapshot["storage"]!["batchSize"]!["counts"]!.AsArray().Count);
        Assert.True((double)snapshot["runtime"]!["cpuSeconds"]! > 0);
        Assert.True((double)snapshot["uptimeSeconds"]! > 0);
        Assert.Equal("embedded", (string)snapshot["component"]!);
        Assert.Equal(HistogramBounds.Seconds.Length + 1, snapshot["ballots"]!["counts"]!.AsArray().Count);
        Assert.All(pesels, pesel => Assert.DoesNotContain(pesel, text));
        Assert.DoesNotContain("pesel", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OpsPage_IsSelfContainedHtml()
    {
        var response = await _client.GetAsync("/ops");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("/ops/snapshot", html);
        Assert.Contains("/health/ready", html);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""(https?:)?//", html);
        Assert.DoesNotContain("@import", html);
    }

    /// <summary>Every metric the Grafana dashboard queries is one the Prometheus exporter writes (scraped).</summary>
    [Fact]
    public async Task GrafanaDashboard_QueriesOnlyMetricsTheExporterWrites()
    {
        var edition = await Votes.CreateEditionAsync(factory.CreateAdminClient());
        await Votes.CastAsync(_client, edition, 1);
        var written = (await ScrapeAsync()).Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => SampleName().Match(l).Value).ToHashSet();
        // Kestrel's meter exists only with a socket (the in-memory test server has none), and a
        // counter is written from its first measurement on (failures, exceptions): names as a real process writes them.
        written.UnionWith(["kestrel_active_connections", "kestrel_queued_connections", "kestrel_connection_duration_seconds_bucket",
            "voting_storage_commit_failures_total", "dotnet_exceptions_total"]);

        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFile("k8s/grafana/voting-dashboard.json")))!;
        var expressions = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!).ToList();
        var used = expressions.Select(e => GroupingClause().Replace(e, "")).SelectMany(e => MetricNameInQuery().Matches(e).Select(m => m.Value)).ToHashSet();

        Assert.NotEmpty(expressions);
        Assert.Contains("http_server_request_duration_seconds_bucket", used);
        Assert.Contains(OrleansActivations, used);
        Assert.DoesNotContain(used, name => name.StartsWith("voting_grains_", StringComparison.Ordinal));
        Assert.Equal([], used.Where(name => !written.Contains(name)).Order().ToArray());
    }

    [Fact]
    public void OtlpExport_IsOffWithoutAnEndpoint() =>
        Assert.Null(factory.Services.GetService<OtlpSettings>());

    private async Task<string> ScrapeAsync() => await (await _client.GetAsync("/metrics")).Content.ReadAsStringAsync();

    private static long BallotCount(string text) => text.Split('\n')
        .Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && BallotLabels.All(label => l.Contains(label, StringComparison.Ordinal)))
        .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"No {relative} above {AppContext.BaseDirectory}.");
    }

    /// <summary>A metric name: one of our prefixes, not a label in a matcher (label names share the prefixes).</summary>
    [GeneratedRegex(@"\b(http|kestrel|voting|dotnet|orleans)_[a-z0-9_]+\b(?!\s*(=|!=|=~|!~))")]
    private static partial Regex MetricNameInQuery();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex GroupingClause();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    /// <summary>A comment (HELP/TYPE) or a sample: name, optional labels, a number.</summary>
    [GeneratedRegex(@"^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*""(,[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"")*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN))$")]
    private static partial Regex PrometheusLine();
}
