using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Voting.Cluster.Tests.Failover;
using Voting.Cluster.Tests.Infrastructure;

namespace Voting.Cluster.Tests.Cycle;

/// <summary>
/// The participatory-budget cycle end to end through the HTTP of the real cluster (silo
/// processes, a gateway process, PostgreSQL): submit → support (concurrent supporters, count
/// exact, also in the <c>supports</c> ledger) → verify → appeal → vote → close → final → delivery.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class BudgetCycleClusterTests(PostgresServer server)
{
    private const int ConcurrentSupporters = 200;
    private const int Concurrency = 32;

    [Fact]
    public async Task Whole_cycle_through_the_cluster_submit_support_verify_appeal_vote_close_final_deliver()
    {
        await using var cluster = await LocalCluster.StartAsync(server, 2);
        var api = new Api(cluster);
        var voter = 0;
        string Next() => Pesels.Of(voter++);

        var id = "cycle-" + Guid.NewGuid().ToString("N")[..8];
        await api.AdminAsync("/api/v1/admin/editions", Edition(id, minSupporters: ConcurrentSupporters), HttpStatusCode.Created);
        Assert.Equal("submission", (string?)(await api.GetAsync($"/api/v1/editions/{id}"))["phase"]);
        await api.GetProblemAsync($"/api/v1/editions/{id}/turnout", HttpStatusCode.Conflict, "voting-not-open");

        // Submission: proposals, an idempotent resubmission, a withdrawal by its author only.
        var authorA = Next();
        var authorB = Next();
        var a = (string)(await api.PostAsync($"/api/v1/editions/{id}/proposals", Proposal(authorA, "Trees on Main Street"), HttpStatusCode.Created))["proposalId"]!;
        var again = await api.PostAsync($"/api/v1/editions/{id}/proposals", Proposal(authorA, "Trees on Main Street"), HttpStatusCode.OK);
        Assert.Equal(a, (string?)again["proposalId"]);
        var b = (string)(await api.PostAsync($"/api/v1/editions/{id}/proposals", Proposal(authorB, "Benches", 300), HttpStatusCode.Created))["proposalId"]!;
        var c = (string)(await api.PostAsync($"/api/v1/editions/{id}/proposals", Proposal(authorB, "Fountain"), HttpStatusCode.Created))["proposalId"]!;
        await api.PostProblemAsync($"/api/v1/editions/{id}/proposals/{c}/withdraw", Author(authorA), HttpStatusCode.Forbidden, "not-author");
        Assert.Equal("withdrawn", (string?)(await api.PostAsync($"/api/v1/editions/{id}/proposals/{c}/withdraw", Author(authorB), HttpStatusCode.OK))["status"]);

        // Support: many concurrent distinct supporters plus a repeat of each, racing; every
        // person counted once, the status flips to submitted exactly at minSupporters.
        var supporters = Enumerable.Range(0, ConcurrentSupporters).Select(_ => Next()).ToList();
        var attempts = supporters.Concat(supporters.Take(ConcurrentSupporters / 4)).ToList();
        var answers = new (HttpStatusCode Status, long Supporters, string? ReceiptId)[attempts.Count];
        await Parallel.ForAsync(0, attempts.Count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            var (status, body) = await api.SendAsync(HttpMethod.Post, $"/api/v1/editions/{id}/proposals/{a}/supporters", Voter(attempts[i]), admin: false);
            answers[i] = (status, body["supporters"] is { } n ? (long)n : -1, (string?)body["receiptId"]);
        });
        Assert.All(answers, x => Assert.True(x.Status is HttpStatusCode.Created or HttpStatusCode.OK, $"supporter answered {(int)x.Status}"));
        Assert.Equal(ConcurrentSupporters, answers.Count(x => x.Status == HttpStatusCode.Created));
        Assert.Equal(ConcurrentSupporters, answers.Where(x => x.Status == HttpStatusCode.Created).Select(x => x.ReceiptId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ConcurrentSupporters).Select(n => (long)n), answers.Where(x => x.Status == HttpStatusCode.Created).Select(x => x.Supporters).Order());
        var viewA = await api.GetAsync($"/api/v1/editions/{id}/proposals/{a}");
        Assert.Equal(ConcurrentSupporters, (long)viewA["supporters"]!);
        Assert.Equal("submitted", (string?)viewA["status"]);
        Assert.Null(viewA["author"]);
        Assert.Null(viewA["authorKey"]);
        Assert.Equal(["collecting-support", "submitted"], viewA["history"]!.AsArray().Select(h => (string)h!["status"]!));
        Assert.Equal(ConcurrentSupporters, await LedgerSupportersAsync(cluster, id, a));
        var receipt = await api.GetAsync($"/api/v1/receipts/{answers.First(x => x.Status == HttpStatusCode.Created).ReceiptId}");
        Assert.Equal(id, (string?)receipt["editionId"]);
        await api.PostAsync($"/api/v1/editions/{id}/proposals/{b}/supporters", Voter(Next()), HttpStatusCode.Created);
        Assert.Equal("collecting-support", (string?)(await api.GetAsync($"/api/v1/editions/{id}/proposals/{b}"))["status"]);

        // Verification: supporting and proposing are closed; decisions need a justification to reject.
        await api.AdminAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "verification" }, HttpStatusCode.OK);
        await api.PostProblemAsync($"/api/v1/editions/{id}/proposals/{a}/supporters", Voter(Next()), HttpStatusCode.Conflict, "phase-closed");
        await api.PostProblemAsync($"/api/v1/editions/{id}/proposals", Proposal(Next(), "Late"), HttpStatusCode.Conflict, "phase-closed");
        await api.AdminAsync($"/api/v1/admin/editions/{id}/proposals/{a}/decision", Decision("accepted", "Feasible.", 120), HttpStatusCode.OK);
        // b never reached minSupporters: it cannot be decided; it stays out of the vote.
        await api.AdminProblemAsync($"/api/v1/admin/editions/{id}/proposals/{b}/decision", Decision("accepted", "Fine."), HttpStatusCode.Conflict, "invalid-proposal-status");
        Assert.Equal(ConcurrentSupporters, await LedgerSupportersAsync(cluster, id, a));

        // A second proposal that did reach its supporters goes the appeal route: reject → appeal → accept.
        // (The edition's minSupporters is high; an edition in the north pool needs none.)
        var idAppeal = "appeal-" + Guid.NewGuid().ToString("N")[..8];
        await api.AdminAsync("/api/v1/admin/editions", Edition(idAppeal, minSupporters: 1), HttpStatusCode.Created);
        var authorC = Next();
        var p = (string)(await api.PostAsync($"/api/v1/editions/{idAppeal}/proposals", Proposal(authorC, "Playground", 300), HttpStatusCode.Created))["proposalId"]!;
        var q = (string)(await api.PostAsync($"/api/v1/editions/{idAppeal}/proposals", Proposal(Next(), "Library", 200), HttpStatusCode.Created))["proposalId"]!;
        await api.PostAsync($"/api/v1/editions/{idAppeal}/proposals/{p}/supporters", Voter(Next()), HttpStatusCode.Created);
        await api.PostAsync($"/api/v1/editions/{idAppeal}/proposals/{q}/supporters", Voter(Next()), HttpStatusCode.Created);
        await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/phase", new JsonObject { ["phase"] = "verification" }, HttpStatusCode.OK);
        await api.AdminProblemAsync($"/api/v1/admin/editions/{idAppeal}/proposals/{p}/decision", Decision("rejected", null), HttpStatusCode.UnprocessableEntity, "invalid-decision");
        await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/proposals/{p}/decision", Decision("rejected", "Not city land."), HttpStatusCode.OK);
        await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/proposals/{q}/decision", Decision("accepted", "Fine."), HttpStatusCode.OK);
        var appeal = new JsonObject { ["author"] = new JsonObject { ["pesel"] = authorC }, ["reason"] = "It is city land." };
        await api.PostProblemAsync($"/api/v1/editions/{idAppeal}/proposals/{p}/appeal", appeal, HttpStatusCode.Conflict, "phase-closed");

        await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/phase", new JsonObject { ["phase"] = "appeals" }, HttpStatusCode.OK);
        await api.AdminAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "appeals" }, HttpStatusCode.OK);
        var foreign = new JsonObject { ["author"] = new JsonObject { ["pesel"] = authorA }, ["reason"] = "Mine." };
        await api.PostProblemAsync($"/api/v1/editions/{idAppeal}/proposals/{p}/appeal", foreign, HttpStatusCode.Forbidden, "not-author");
        Assert.Equal("appealed", (string?)(await api.PostAsync($"/api/v1/editions/{idAppeal}/proposals/{p}/appeal", appeal, HttpStatusCode.Created))["status"]);
        Assert.Equal("appealed", (string?)(await api.PostAsync($"/api/v1/editions/{idAppeal}/proposals/{p}/appeal", appeal, HttpStatusCode.OK))["status"]); // the same appeal again: a replay
        var second = new JsonObject { ["author"] = new JsonObject { ["pesel"] = authorC }, ["reason"] = "Once more." };
        await api.PostProblemAsync($"/api/v1/editions/{idAppeal}/proposals/{p}/appeal", second, HttpStatusCode.Conflict, "invalid-proposal-status");
        var onAppeal = await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/proposals/{p}/decision", Decision("accepted", "Land confirmed."), HttpStatusCode.OK);
        Assert.Equal("accepted-on-appeal", (string?)onAppeal["status"]);
        Assert.Equal("Land confirmed.", (string?)onAppeal["history"]!.AsArray().Last()!["note"]);
        await api.AdminProblemAsync($"/api/v1/admin/editions/{id}/proposals/{a}/decision", Decision("rejected", "Changed my mind."), HttpStatusCode.Conflict, "invalid-proposal-status");

        // Into the vote: accepted proposals become the pool's projects with the verified cost.
        var voting = await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/phase", new JsonObject { ["phase"] = "voting" }, HttpStatusCode.OK);
        var projects = voting["pools"]![0]!["projects"]!.AsArray();
        Assert.Equal(new[] { p, q }.Order(StringComparer.Ordinal), projects.Select(x => (string)x!["id"]!));
        Assert.Equal(300, (long)projects.Single(x => (string)x!["id"]! == p)!["cost"]!);
        var votingA = await api.AdminAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "voting" }, HttpStatusCode.OK);
        var projectsA = votingA["pools"]![0]!["projects"]!.AsArray();
        Assert.Equal([a], projectsA.Select(x => (string)x!["id"]!));
        Assert.Equal(120, (long)projectsA[0]!["cost"]!);
        await api.AdminProblemAsync($"/api/v1/admin/editions/{idAppeal}/proposals/{p}/decision", Decision("rejected", "Too late."), HttpStatusCode.Conflict, "phase-closed");
        await api.AdminProblemAsync($"/api/v1/admin/editions/{idAppeal}/phase", new JsonObject { ["phase"] = "appeals" }, HttpStatusCode.Conflict, "phase-change-not-allowed");

        // Vote: ballots concurrently, turnout exact; votes hidden until closed (liveResults false).
        const int ballots = 40;
        var statuses = new HttpStatusCode[ballots];
        var firstBallotVoter = voter;
        voter += ballots;
        await Parallel.ForAsync(0, ballots, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var picks = i % 2 == 0 ? new[] { p, q } : new[] { p };
            statuses[i] = (await api.SendAsync(HttpMethod.Post, $"/api/v1/editions/{idAppeal}/ballots", Ballot(Pesels.Of(firstBallotVoter + i), picks), admin: false)).Status;
        });
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Null((await api.GetAsync($"/api/v1/editions/{idAppeal}/projects/{p}"))["votes"]);
        var turnout = await api.GetAsync($"/api/v1/editions/{idAppeal}/turnout");
        Assert.Equal(ballots, (long)turnout["ballots"]!);
        Assert.Equal(ballots, (long)turnout["byPool"]![0]!["ballots"]!);
        Assert.Equal(ballots, turnout["byHour"]!.AsArray().Sum(h => (long)h!["ballots"]!));
        Assert.Equal(ballots, (long)turnout["channels"]!["online"]!);

        // Close, paper ballots, final, delivery.
        var delivery = new JsonObject { ["status"] = "in-progress", ["percent"] = 40, ["note"] = "Equipment ordered." };
        await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/phase", new JsonObject { ["phase"] = "closed" }, HttpStatusCode.OK);
        var paper = await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/paper-ballots", new JsonArray(Ballot(Next(), q)), HttpStatusCode.OK);
        Assert.Equal(1, (int)paper["recorded"]!);
        var closedTurnout = await api.GetAsync($"/api/v1/editions/{idAppeal}/turnout");
        Assert.Equal(ballots + 1, (long)closedTurnout["ballots"]!);
        Assert.Equal(1, (long)closedTurnout["channels"]!["paper"]!);
        await api.AdminProblemAsync($"/api/v1/admin/editions/{idAppeal}/projects/{p}/delivery", delivery, HttpStatusCode.Conflict, "phase-closed");
        await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/phase", new JsonObject { ["phase"] = "final" }, HttpStatusCode.OK);
        await api.AdminProblemAsync($"/api/v1/admin/editions/{idAppeal}/projects/{p}/delivery", new JsonObject { ["status"] = "late", ["percent"] = 40 }, HttpStatusCode.UnprocessableEntity, "invalid-delivery");
        await api.AdminAsync($"/api/v1/admin/editions/{idAppeal}/projects/{p}/delivery", delivery, HttpStatusCode.OK);

        var project = await api.GetAsync($"/api/v1/editions/{idAppeal}/projects/{p}");
        Assert.Equal(ballots, (long)project["votes"]!);
        Assert.Equal(1, (long)project["supporters"]!);
        Assert.Equal(300, (long)project["cost"]!);
        Assert.Equal("accepted-on-appeal", (string?)project["status"]);
        Assert.Equal("in-progress", (string?)project["delivery"]!["status"]);
        Assert.Equal(40, (int)project["delivery"]!["percent"]!);
        var projectQ = await api.GetAsync($"/api/v1/editions/{idAppeal}/projects/{q}");
        Assert.Equal(ballots / 2 + 1, (long)projectQ["votes"]!);

        var (_, csvBody) = await api.SendRawAsync(HttpMethod.Get, $"/api/v1/admin/editions/{idAppeal}/export?format=csv&part=projects", null, admin: true);
        var csv = csvBody.Split("\r\n");
        Assert.EndsWith(",selected,delivery_status,delivery_percent", csv[0]);
        Assert.Contains(csv, line => line.Contains(p, StringComparison.Ordinal) && line.EndsWith(",in-progress,40", StringComparison.Ordinal));

        // The first edition's 200 supporters survive the whole cycle: the project page shows them.
        Assert.Equal(ConcurrentSupporters, (long)(await api.GetAsync($"/api/v1/editions/{id}/projects/{a}"))["supporters"]!);
        TestContext.Current.TestOutputHelper?.WriteLine($"cycle through the cluster: {answers.Length} supporter requests ({ConcurrentSupporters} distinct), {ballots} + 1 ballots, all exact.");
    }

    private static async Task<long> LedgerSupportersAsync(LocalCluster cluster, string editionId, string proposalId)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM supports WHERE project = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = editionId + "/" + proposalId });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static JsonObject Edition(string id, int minSupporters) => new()
    {
        ["id"] = id,
        ["name"] = "Cluster cycle " + id,
        ["phase"] = "submission",
        ["votingOpensAt"] = "2020-01-01T00:00:00+01:00",
        ["votingClosesAt"] = "2099-12-31T23:59:59+01:00",
        ["liveResults"] = false,
        ["pools"] = new JsonArray
        {
            new JsonObject
            {
                ["id"] = "city", ["name"] = "city", ["kind"] = "city", ["budget"] = 1000,
                ["ballot"] = new JsonObject { ["type"] = "approval", ["minSelections"] = 1, ["maxSelections"] = 3 },
                ["method"] = "greedy", ["minSupporters"] = minSupporters, ["maxProposalsPerAuthor"] = 3,
                ["projects"] = new JsonArray(),
            },
        },
    };

    private static JsonObject Proposal(string authorPesel, string title, long cost = 100) => new()
    {
        ["author"] = new JsonObject { ["pesel"] = authorPesel },
        ["poolId"] = "city",
        ["title"] = title,
        ["description"] = "Description of " + title,
        ["costEstimate"] = cost,
        ["location"] = "Rynek",
        ["category"] = "green",
    };

    private static JsonObject Voter(string pesel) => new() { ["voter"] = new JsonObject { ["pesel"] = pesel } };

    private static JsonObject Author(string pesel) => new() { ["author"] = new JsonObject { ["pesel"] = pesel } };

    private static JsonObject Ballot(string pesel, params string[] projects) => new()
    {
        ["voter"] = new JsonObject { ["pesel"] = pesel },
        ["selections"] = new JsonArray(projects.Select(x => (JsonNode)new JsonObject { ["projectId"] = x }).ToArray()),
    };

    private static JsonObject Decision(string decision, string? justification, long? verifiedCost = null)
    {
        var body = new JsonObject { ["decision"] = decision };
        if (justification is not null)
        {
            body["justification"] = justification;
        }
        if (verifiedCost is not null)
        {
            body["verifiedCost"] = verifiedCost;
        }
        return body;
    }

    /// <summary>JSON over the cluster gateway; admin calls carry the Bearer token.</summary>
    private sealed class Api(LocalCluster cluster)
    {
        public async Task<(HttpStatusCode Status, string Body)> SendRawAsync(HttpMethod method, string path, JsonNode? body, bool admin)
        {
            using var request = new HttpRequestMessage(method, new Uri(cluster.GatewayUrl, path));
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }
            if (admin)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AdminToken);
            }
            using var response = await cluster.Http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod method, string path, JsonNode? body, bool admin)
        {
            var (status, text) = await SendRawAsync(method, path, body, admin);
            return (status, text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? []);
        }

        public async Task<JsonObject> ExpectAsync(HttpMethod method, string path, JsonNode? body, bool admin, HttpStatusCode expected, string? code = null)
        {
            var (status, json) = await SendAsync(method, path, body, admin);
            Assert.True(status == expected, $"{method} {path}: expected {(int)expected}, got {(int)status}: {json.ToJsonString()}");
            if (code is not null)
            {
                Assert.Equal(code, (string?)json["code"]);
            }
            return json;
        }

        public Task<JsonObject> GetAsync(string path) => ExpectAsync(HttpMethod.Get, path, null, admin: false, HttpStatusCode.OK);

        public Task<JsonObject> GetProblemAsync(string path, HttpStatusCode expected, string code) => ExpectAsync(HttpMethod.Get, path, null, admin: false, expected, code);

        public Task<JsonObject> PostAsync(string path, JsonNode body, HttpStatusCode expected) => ExpectAsync(HttpMethod.Post, path, body, admin: false, expected);

        public Task<JsonObject> PostProblemAsync(string path, JsonNode body, HttpStatusCode expected, string code) => ExpectAsync(HttpMethod.Post, path, body, admin: false, expected, code);

        public Task<JsonObject> AdminAsync(string path, JsonNode body, HttpStatusCode expected) => ExpectAsync(HttpMethod.Post, path, body, admin: true, expected);

        public Task<JsonObject> AdminProblemAsync(string path, JsonNode body, HttpStatusCode expected, string code) => ExpectAsync(HttpMethod.Post, path, body, admin: true, expected, code);
    }
}
