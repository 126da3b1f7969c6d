using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Voting.Failures;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Storage;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Issue 9, finding 3: a paper batch answers per item also when the cluster fails for some items.</summary>
public sealed class PaperBatchFailureTests(PaperBatchFailureTests.Factory factory) : IClassFixture<PaperBatchFailureTests.Factory>
{
    /// <summary>
    /// The real ledger, except: a ballot unit that counts project k2 loses its answer after the
    /// commit (outcome unknown), one that counts k3 is refused (unavailable); the second signature
    /// unit of an initiative whose id starts "i-flaky" loses its answer after the commit.
    /// </summary>
    public sealed class FaultyStorage(IGrainStorage inner) : IGrainStorage
    {
        private int _flakySignatures;

        public Task<StoredRow?> ReadRowAsync(string table, string scope, string key, CancellationToken cancellationToken = default) => inner.ReadRowAsync(table, scope, key, cancellationToken);

        public IAsyncEnumerable<KeyedRow> ReadScopeAsync(string table, string scope, CancellationToken cancellationToken = default) => inner.ReadScopeAsync(table, scope, cancellationToken);

        public Task<IReadOnlyDictionary<string, long>> SumCountersAsync(string scope, CancellationToken cancellationToken = default) => inner.SumCountersAsync(scope, cancellationToken);

        public async Task<WriteResult> WriteAsync(WriteUnit unit, CancellationToken cancellationToken = default)
        {
            var counters = unit.Ops.OfType<AddToCounter>().Select(c => c.Name).ToList();
            if (counters.Contains("votes:k3"))
            {
                throw new UnavailableException("test: refused before commit");
            }
            var lostAnswer = counters.Contains("votes:k2")
                || (unit.Ops.OfType<AddToCounter>().Any(c => c.Scope.Contains("i-flaky", StringComparison.Ordinal)) && Interlocked.Increment(ref _flakySignatures) == 2);
            var result = await inner.WriteAsync(unit, cancellationToken);
            return lostAnswer && result.Outcome == WriteOutcome.Committed ? throw new OutcomeUnknownException("test: the commit's answer was lost") : result;
        }
    }

    public sealed class Factory : GatewayFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IGrainStorage>(sp => new FaultyStorage(sp.GetRequiredService<Voting.Storage.SqlGrainStorage>())));
        }
    }

    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    [Fact]
    public async Task PaperBallots_OneItemUnknownOneUnavailable_TheRestRecorded_AResendResolves()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        var lost = TestEditions.Ballot(Pesels.NextAdult(), "k1", "k2");
        var refused = TestEditions.Ballot(Pesels.NextAdult(), "k1", "k3");
        var batch = new JsonArray(TestEditions.Ballot(Pesels.NextAdult(), "c1"), lost, refused, TestEditions.Ballot(Pesels.NextAdult(), "k1"));

        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", batch)).AssertStatusAsync(HttpStatusCode.OK);
        var outcomes = report["ballots"]!.AsArray().Select(b => (string?)b!["outcome"]).ToList();
        Assert.Equal(["recorded", "outcome-unknown", "unavailable", "recorded"], outcomes);
        Assert.Equal("outcome-unknown", (string?)report["ballots"]![1]!["code"]);
        Assert.Equal("unavailable", (string?)report["ballots"]![2]!["code"]);
        Assert.Equal(2, (int)report["recorded"]!);
        Assert.Equal(1, (int)report["outcomeUnknown"]!);
        Assert.Equal(1, (int)report["unavailable"]!);

        // the lost one was committed: resent, it is a duplicate of itself
        var again = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", new JsonArray(lost.DeepClone()))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("duplicate", (string?)again["ballots"]![0]!["outcome"]);
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3, (long)results["ballots"]!);
    }

    [Fact]
    public async Task PaperSignatures_OneItemUnknown_TheRestRecorded()
    {
        var id = "i-flaky" + Guid.NewGuid().ToString("N")[..8];
        var body = new JsonObject { ["id"] = id, ["title"] = "A park", ["threshold"] = 100, ["collectFrom"] = "2020-01-01T00:00:00+01:00", ["collectUntil"] = "2099-01-01T00:00:00+01:00" };
        await (await _admin.PostJsonAsync("/api/v1/admin/initiatives", body)).AssertStatusAsync(HttpStatusCode.Created);
        var signers = new JsonArray(Enumerable.Range(0, 3).Select(_ => (JsonNode)new JsonObject { ["voter"] = new JsonObject { ["pesel"] = Pesels.NextAdult() } }).ToArray());

        var report = await (await _admin.PostJsonAsync($"/api/v1/admin/initiatives/{id}/paper-signatures", signers)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)report["recorded"]!);
        Assert.Equal(1, (int)report["outcomeUnknown"]!);
        Assert.Single(report["entries"]!.AsArray(), e => (string?)e!["outcome"] == "outcome-unknown" && (string?)e["code"] == "outcome-unknown");

        var again = await (await _admin.PostJsonAsync($"/api/v1/admin/initiatives/{id}/paper-signatures", signers.DeepClone())).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3, (int)again["duplicate"]!);
        Assert.Equal(3, (long)again["signatures"]!);
    }
}
