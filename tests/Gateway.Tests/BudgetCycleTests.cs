using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>The participatory-budget cycle through HTTP: proposals, supporters, verification, appeals, vote, delivery, turnout.</summary>
public sealed class BudgetCycleTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    private async Task<string> CreateAsync(JsonObject edition)
    {
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", edition)).AssertStatusAsync(HttpStatusCode.Created);
        return (string)edition["id"]!;
    }

    private async Task<JsonObject> PhaseAsync(string id, string phase, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = phase })).AssertStatusAsync(expected);

    private async Task<string> ProposeAsync(string id, string author, string title, long cost = 100)
    {
        var created = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", CycleEditions.Proposal(author, title, cost))).AssertStatusAsync(HttpStatusCode.Created);
        return (string)created["proposalId"]!;
    }

    private async Task<JsonObject> ProposalAsync(string id, string proposalId) =>
        await (await _client.GetAsync($"/api/v1/editions/{id}/proposals/{proposalId}")).AssertStatusAsync(HttpStatusCode.OK);

    private async Task<JsonObject> SupportAsync(string id, string proposalId, string pesel, HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposalId}/supporters", CycleEditions.Voter(pesel))).AssertStatusAsync(expected);

    private async Task<HttpResponseMessage> DecideAsync(string id, string proposalId, string decision, string? justification = null, long? verifiedCost = null)
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
        return await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/proposals/{proposalId}/decision", body);
    }

    private async Task<int> TotalAsync(string id, string query = "") =>
        (int)(await (await _client.GetAsync($"/api/v1/editions/{id}/proposals{query}")).AssertStatusAsync(HttpStatusCode.OK))["total"]!;

    [Fact]
    public async Task WholeCycle_SubmitSupportVerifyAppealVoteCloseFinalDeliver()
    {
        var id = await CreateAsync(CycleEditions.Edition(TestEditions.NewId(), minSupporters: 2));
        Assert.Equal("submission", (string?)(await (await _client.GetAsync($"/api/v1/editions/{id}")).ReadJsonAsync())["phase"]);
        await (await _client.GetAsync($"/api/v1/editions/{id}/turnout")).AssertProblemAsync(HttpStatusCode.Conflict, "voting-not-open");

        var authorA = Pesels.NextAdult();
        var authorB = Pesels.NextAdult();
        var a = await ProposeAsync(id, authorA, "Trees on Main Street");
        var again = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", CycleEditions.Proposal(authorA, "Trees on Main Street"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(a, (string?)again["proposalId"]);
        Assert.Equal("collecting-support", (string?)again["status"]);
        var b = await ProposeAsync(id, authorB, "Benches", cost: 300);
        var c = await ProposeAsync(id, authorB, "Fountain");

        var s1 = await SupportAsync(id, a, Pesels.NextAdult());
        Assert.Equal(1, (long)s1["supporters"]!);
        var receipt = await (await _client.GetAsync($"/api/v1/receipts/{(string)s1["receiptId"]!}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(id, (string?)receipt["editionId"]);
        Assert.Equal("collecting-support", (string?)(await ProposalAsync(id, a))["status"]);
        await SupportAsync(id, a, Pesels.NextAdult());
        await SupportAsync(id, b, Pesels.NextAdult());
        await SupportAsync(id, b, Pesels.NextAdult());
        var viewA = await ProposalAsync(id, a);
        Assert.Equal("submitted", (string?)viewA["status"]);
        Assert.Equal(2, (long)viewA["supporters"]!);
        Assert.Null(viewA["author"]);
        Assert.Null(viewA["authorKey"]);
        Assert.Equal(["collecting-support", "submitted"], viewA["history"]!.AsArray().Select(h => (string)h!["status"]!));

        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{c}/withdraw", CycleEditions.Author(authorA))).AssertProblemAsync(HttpStatusCode.Forbidden, "not-author");
        var withdrawn = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{c}/withdraw", CycleEditions.Author(authorB))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("withdrawn", (string?)withdrawn["status"]);

        await PhaseAsync(id, "verification");
        await SupportAsync(id, a, Pesels.NextAdult(), HttpStatusCode.Conflict);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", CycleEditions.Proposal(Pesels.NextAdult(), "Late"))).AssertProblemAsync(HttpStatusCode.Conflict, "phase-closed");
        await (await DecideAsync(id, a, "accepted", "Feasible.", verifiedCost: 120)).AssertStatusAsync(HttpStatusCode.OK);
        await (await DecideAsync(id, b, "rejected")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-decision");
        Assert.Equal("submitted", (string?)(await ProposalAsync(id, b))["status"]);
        await (await DecideAsync(id, b, "rejected", "Not city land.")).AssertStatusAsync(HttpStatusCode.OK);
        await (await DecideAsync(id, c, "accepted")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-proposal-status");
        var appeal = new JsonObject { ["author"] = new JsonObject { ["pesel"] = authorB }, ["reason"] = "It is city land." };
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{b}/appeal", appeal)).AssertProblemAsync(HttpStatusCode.Conflict, "phase-closed");

        await PhaseAsync(id, "appeals");
        var foreign = new JsonObject { ["author"] = new JsonObject { ["pesel"] = authorA }, ["reason"] = "Mine." };
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{b}/appeal", foreign)).AssertProblemAsync(HttpStatusCode.Forbidden, "not-author");
        var appealed = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{b}/appeal", appeal)).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("appealed", (string?)appealed["status"]);
        var second = new JsonObject { ["author"] = new JsonObject { ["pesel"] = authorB }, ["reason"] = "Once more." };
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{b}/appeal", second)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-proposal-status");
        await (await DecideAsync(id, a, "rejected", "Changed my mind.")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-proposal-status");
        var onAppeal = await (await DecideAsync(id, b, "accepted", "Land confirmed.")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("accepted-on-appeal", (string?)onAppeal["status"]);
        Assert.Equal("Land confirmed.", (string?)onAppeal["history"]!.AsArray().Last()!["note"]);

        var voting = await PhaseAsync(id, "voting");
        var projects = voting["pools"]![0]!["projects"]!.AsArray();
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), projects.Select(p => (string)p!["id"]!));
        Assert.Equal(120, (long)projects.Single(p => (string)p!["id"]! == a)!["cost"]!);
        Assert.Equal(300, (long)projects.Single(p => (string)p!["id"]! == b)!["cost"]!);
        await (await DecideAsync(id, b, "rejected", "Too late.")).AssertProblemAsync(HttpStatusCode.Conflict, "phase-closed");
        await PhaseAsync(id, "appeals", HttpStatusCode.Conflict);
        Assert.Equal(1, await TotalAsync(id, "?status=accepted"));
        Assert.Equal(3, await TotalAsync(id, "?poolId=city"));

        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), a, b))).AssertStatusAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), a))).AssertStatusAsync(HttpStatusCode.Created);
        var hidden = await (await _client.GetAsync($"/api/v1/editions/{id}/projects/{a}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Null(hidden["votes"]);
        var turnout = await (await _client.GetAsync($"/api/v1/editions/{id}/turnout")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, (long)turnout["ballots"]!);
        Assert.Equal(2, (long)turnout["byPool"]![0]!["ballots"]!);
        Assert.Equal(2, turnout["byHour"]!.AsArray().Sum(h => (long)h!["ballots"]!));
        Assert.Equal(2, (long)turnout["channels"]!["online"]!);
        Assert.Equal(0, (long)turnout["channels"]!["paper"]!);

        var delivery = new JsonObject { ["status"] = "in-progress", ["percent"] = 40, ["note"] = "Trees ordered." };
        await PhaseAsync(id, "closed");
        var paper = await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/paper-ballots", new JsonArray(TestEditions.Ballot(Pesels.NextAdult(), b)))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)paper["recorded"]!);
        var closedTurnout = await (await _client.GetAsync($"/api/v1/editions/{id}/turnout")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3, (long)closedTurnout["ballots"]!);
        Assert.Equal(1, (long)closedTurnout["channels"]!["paper"]!);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/projects/{a}/delivery", delivery)).AssertProblemAsync(HttpStatusCode.Conflict, "phase-closed");
        await PhaseAsync(id, "final");
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/projects/{a}/delivery", new JsonObject { ["status"] = "late", ["percent"] = 40 })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-delivery");
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/projects/{c}/delivery", delivery)).AssertProblemAsync(HttpStatusCode.NotFound, "project-not-found");
        Assert.Null((await (await _client.GetAsync($"/api/v1/editions/{id}/projects/{a}")).ReadJsonAsync())["delivery"]);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/projects/{a}/delivery", delivery)).AssertStatusAsync(HttpStatusCode.OK);

        var project = await (await _client.GetAsync($"/api/v1/editions/{id}/projects/{a}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, (long)project["votes"]!);
        Assert.Equal(2, (long)project["supporters"]!);
        Assert.Equal(120, (long)project["cost"]!);
        Assert.Equal("accepted", (string?)project["status"]);
        Assert.Equal("in-progress", (string?)project["delivery"]!["status"]);
        Assert.Equal(40, (int)project["delivery"]!["percent"]!);
        Assert.NotNull(project["delivery"]!["updatedAt"]);
        await (await _client.GetAsync($"/api/v1/editions/{id}/projects/{c}")).AssertProblemAsync(HttpStatusCode.NotFound, "project-not-found");

        var csv = (await (await _admin.GetAsync($"/api/v1/admin/editions/{id}/export?format=csv&part=projects")).Content.ReadAsStringAsync()).Split("\r\n");
        Assert.EndsWith(",selected,delivery_status,delivery_percent", csv[0]);
        Assert.Contains(csv, line => line.Contains(a, StringComparison.Ordinal) && line.EndsWith(",in-progress,40", StringComparison.Ordinal));
        Assert.Contains(csv, line => line.Contains(b, StringComparison.Ordinal) && line.EndsWith(",,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Phase_OnlyForwards_SkippingAllowed_NeverBackToDraft()
    {
        var id = await CreateAsync(CycleEditions.Edition(TestEditions.NewId(), phase: "draft"));
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", CycleEditions.Proposal(Pesels.NextAdult(), "Too early"))).AssertProblemAsync(HttpStatusCode.Conflict, "phase-closed");
        await PhaseAsync(id, "appeals");
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "submission" })).AssertProblemAsync(HttpStatusCode.Conflict, "phase-change-not-allowed");
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "draft" })).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal("appeals", (string?)(await (await _client.GetAsync($"/api/v1/editions/{id}")).ReadJsonAsync())["phase"]);
        Assert.Equal(0, await TotalAsync(id));
    }

    [Fact]
    public async Task EnteringVoting_APoolWithoutProjects_Returns409AndProposalsStayOpen()
    {
        var id = await CreateAsync(CycleEditions.Edition(TestEditions.NewId(), withSecondPool: true));
        var a = await ProposeAsync(id, Pesels.NextAdult(), "Only city");
        var later = await ProposeAsync(id, Pesels.NextAdult(), "Decided later");
        await PhaseAsync(id, "verification");
        await (await DecideAsync(id, a, "accepted")).AssertStatusAsync(HttpStatusCode.OK);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "voting" })).AssertProblemAsync(HttpStatusCode.Conflict, "phase-change-not-allowed");
        var edition = await (await _client.GetAsync($"/api/v1/editions/{id}")).ReadJsonAsync();
        Assert.Equal("verification", (string?)edition["phase"]);
        Assert.Empty(edition["pools"]![0]!["projects"]!.AsArray());
        // The verification gate is open again: decisions still commit.
        var decided = await (await DecideAsync(id, later, "rejected", "Out of scope.")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("rejected", (string?)decided["status"]);
    }

    [Fact]
    public async Task Create_InSubmissionWithoutProjects_Accepted_ButVotingEditionNeedsProjects()
    {
        var voting = CycleEditions.Edition(TestEditions.NewId(), phase: "voting");
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", voting)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-edition");
        var appeals = CycleEditions.Edition(TestEditions.NewId(), phase: "appeals");
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", appeals)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-edition");
        await CreateAsync(CycleEditions.Edition(TestEditions.NewId(), phase: "draft"));
    }

    [Fact]
    public async Task Supporters_500Concurrent_EachOnce_CountExact_StatusFlipsExactlyAtMinSupporters()
    {
        const int people = 500;
        var id = await CreateAsync(CycleEditions.Edition(TestEditions.NewId(), minSupporters: people));
        var proposal = await ProposeAsync(id, Pesels.NextAdult(), "Popular park");
        var pesels = Enumerable.Range(0, people).Select(_ => Pesels.NextAdult()).ToList();
        var last = pesels[^1];

        // Everyone but the last sends their support twice at once.
        var answers = await Task.WhenAll(pesels.Take(people - 1).SelectMany(p => new[] { p, p }).Select(async p =>
        {
            var response = await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposal}/supporters", CycleEditions.Voter(p));
            return (Pesel: p, response.StatusCode, Body: await response.ReadJsonAsync());
        }));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{a.StatusCode}"));
        foreach (var person in answers.GroupBy(a => a.Pesel))
        {
            Assert.Equal(1, person.Count(a => a.StatusCode == HttpStatusCode.Created));
            Assert.Single(person.Select(a => (string)a.Body["receiptId"]!).Distinct());
        }
        var before = await ProposalAsync(id, proposal);
        Assert.Equal(people - 1, (long)before["supporters"]!);
        Assert.Equal("collecting-support", (string?)before["status"]);

        var lastOne = await SupportAsync(id, proposal, last);
        Assert.Equal(people, (long)lastOne["supporters"]!);
        var after = await ProposalAsync(id, proposal);
        Assert.Equal(people, (long)after["supporters"]!);
        Assert.Equal("submitted", (string?)after["status"]);
        Assert.Single(after["history"]!.AsArray(), h => (string)h!["status"]! == "submitted");
    }

    [Fact]
    public async Task Proposals_ConcurrentByOneAuthor_AtMostMaxProposalsPerAuthor()
    {
        var id = await CreateAsync(CycleEditions.Edition(TestEditions.NewId(), maxProposalsPerAuthor: 3));
        var author = Pesels.NextAdult();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", CycleEditions.Proposal(author, "Idea " + i))));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "proposal-limit-reached");
        }
        Assert.Equal(3, await TotalAsync(id));
        await ProposeAsync(id, Pesels.NextAdult(), "Someone else's idea");
        Assert.Equal(4, await TotalAsync(id));
    }

    [Fact]
    public async Task Errors_EveryNewCode_NothingRecorded()
    {
        var id = await CreateAsync(CycleEditions.Edition(TestEditions.NewId(), minSupporters: 1));
        var author = Pesels.NextAdult();
        var tooLong = CycleEditions.Proposal(author, new string('x', 201));
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", tooLong)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-proposal");
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", CycleEditions.Proposal(author, "No pool", poolId: "mars"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-proposal");
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", CycleEditions.Proposal("12345678901", "Bad PESEL"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-pesel");
        await (await _client.PostRawAsync($"/api/v1/editions/{id}/proposals", "{\"poolId\":\"city\"}")).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await (await _client.PostJsonAsync($"/api/v1/editions/none/proposals", CycleEditions.Proposal(author, "Nowhere"))).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
        Assert.Equal(0, await TotalAsync(id));

        var proposal = await ProposeAsync(id, author, "Valid");
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposal}/supporters", CycleEditions.Voter(author))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-support");
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/p-unknown/supporters", CycleEditions.Voter(Pesels.NextAdult()))).AssertProblemAsync(HttpStatusCode.NotFound, "proposal-not-found");
        await (await _client.GetAsync($"/api/v1/editions/{id}/proposals/p-unknown")).AssertProblemAsync(HttpStatusCode.NotFound, "proposal-not-found");
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposal}/withdraw", CycleEditions.Author(Pesels.NextAdult()))).AssertProblemAsync(HttpStatusCode.Forbidden, "not-author");
        await (await DecideAsync(id, proposal, "accepted")).AssertProblemAsync(HttpStatusCode.Conflict, "phase-closed");
        await (await DecideAsync(id, proposal, "maybe")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-decision");
        await (await _client.PostJsonAsync($"/api/v1/admin/editions/{id}/proposals/{proposal}/decision", new JsonObject { ["decision"] = "accepted" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var unchanged = await ProposalAsync(id, proposal);
        Assert.Equal(0, (long)unchanged["supporters"]!);
        Assert.Equal("collecting-support", (string?)unchanged["status"]);
        Assert.Single(unchanged["history"]!.AsArray());

        var supporter = Pesels.NextAdult();
        await SupportAsync(id, proposal, supporter);
        await PhaseAsync(id, "verification");
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposal}/supporters", CycleEditions.Voter(Pesels.NextAdult()))).AssertProblemAsync(HttpStatusCode.Conflict, "phase-closed");
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposal}/withdraw", CycleEditions.Author(author))).AssertProblemAsync(HttpStatusCode.Conflict, "phase-closed");
        var still = await ProposalAsync(id, proposal);
        Assert.Equal(1, (long)still["supporters"]!);
        Assert.Equal("submitted", (string?)still["status"]);
    }

    [Fact]
    public async Task Supporters_WhileSubmissionCloses_NoLateSupportAndCountEqualsCreated()
    {
        var id = await CreateAsync(CycleEditions.Edition(TestEditions.NewId(), minSupporters: 1_000_000));
        var proposal = await ProposeAsync(id, Pesels.NextAdult(), "Raced");
        using var stop = new CancellationTokenSource();
        var firstCreated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var answers = new List<(HttpStatusCode Status, string? Code, DateTime SentAt)>();
            while (!stop.IsCancellationRequested)
            {
                var sentAt = DateTime.UtcNow;
                var response = await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposal}/supporters", CycleEditions.Voter(Pesels.NextAdult()));
                var body = await response.ReadJsonAsync();
                answers.Add((response.StatusCode, (string?)body["code"], sentAt));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    firstCreated.TrySetResult();
                }
            }
            return answers;
        })).ToList();

        await firstCreated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await PhaseAsync(id, "verification");
        var closedAt = DateTime.UtcNow;
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposal}/supporters", CycleEditions.Voter(Pesels.NextAdult()))).AssertProblemAsync(HttpStatusCode.Conflict, "phase-closed");
        await stop.CancelAsync();
        var all = (await Task.WhenAll(clients)).SelectMany(a => a).ToList();

        Assert.All(all, a => Assert.True(a.Status == HttpStatusCode.Created || (a.Status == HttpStatusCode.Conflict && a.Code == "phase-closed"), $"{a.Status} {a.Code}"));
        Assert.DoesNotContain(all, a => a.Status == HttpStatusCode.Created && a.SentAt > closedAt);
        var view = await ProposalAsync(id, proposal);
        Assert.Equal(all.Count(a => a.Status == HttpStatusCode.Created), (long)view["supporters"]!);
        Assert.Equal("collecting-support", (string?)view["status"]);
    }

    [Fact]
    public async Task ListProposals_PagesOfTwenty_FiltersByPoolAndStatus()
    {
        var id = await CreateAsync(CycleEditions.Edition(TestEditions.NewId(), minSupporters: 1, withSecondPool: true));
        var ids = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            ids.Add(await ProposeAsync(id, Pesels.NextAdult(), "Idea " + i));
        }
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", CycleEditions.Proposal(Pesels.NextAdult(), "North idea", poolId: "north"))).AssertStatusAsync(HttpStatusCode.Created);
        await SupportAsync(id, ids[0], Pesels.NextAdult());

        var second = await (await _client.GetAsync($"/api/v1/editions/{id}/proposals?poolId=city&page=2")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(23, (int)second["total"]!);
        Assert.Equal(2, (int)second["page"]!);
        Assert.Equal(20, (int)second["pageSize"]!);
        Assert.Equal(3, second["items"]!.AsArray().Count);
        Assert.Equal(24, await TotalAsync(id));
        Assert.Equal(1, await TotalAsync(id, "?poolId=north"));
        Assert.Equal(2, await TotalAsync(id, "?status=submitted")); // the supported city idea and the north one (north needs no supporters)
        Assert.Equal(22, await TotalAsync(id, "?status=collecting-support"));
        await (await _client.GetAsync($"/api/v1/editions/{id}/proposals?status=lost")).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await (await _client.GetAsync($"/api/v1/editions/{id}/proposals?page=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        await (await _client.GetAsync($"/api/v1/editions/none/proposals")).AssertProblemAsync(HttpStatusCode.NotFound, "edition-not-found");
    }
}
