using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Web.Tests.Infrastructure;
using Xunit;

namespace Voting.Web.Tests;

/// <summary>The resident pages in Debian's Chromium against the gateway as a real process.</summary>
public sealed class ResidentPagesTests(WebSite site) : IClassFixture<WebSite>
{
    [Fact]
    public async Task Resident_VotesWithTheKeyboardOnly_AndChecksTheReceipt()
    {
        var edition = TestEditions.NewId();
        await site.CreateEditionAsync(TestEditions.Sample(edition, liveResults: true));
        var page = await site.NewPageAsync();
        await page.GotoAsync($"/#/e/{edition}");
        await page.WaitForViewAsync($"#/e/{edition}");

        // Edition page → ballot, by keyboard.
        await page.TabToAsync($"a[href='#/e/{edition}/vote']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForViewAsync($"#/e/{edition}/vote");

        // City pool (approval, ≤ 3 picks, ≤ 300 zł): Space ticks c1 (100) and c2 (150); c3 (200) no longer fits.
        await page.TabToAsync("section[data-pool=city] input[data-project=c1]");
        await page.Keyboard.PressAsync("Space");
        await page.TabToAsync("section[data-pool=city] input[data-project=c2]");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("section[data-pool=city] input[data-project=c3]")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("section[data-pool=city] .tally")).ToContainTextAsync("250");

        // District: arrow keys on the select pick "north" (ordinal 3/2/1).
        await page.TabToAsync("select");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("section[data-pool=north]")).ToBeVisibleAsync();

        // Rank n1, n2, n3 with Enter; then move n3 up one place with the arrow key: n1, n3, n2.
        await page.TabToAsync("section[data-pool=north] button[data-project=n1]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("section[data-pool=north] button[data-project=n2]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        var last = page.Locator("section[data-pool=north] li.rank-item[data-project=n3]");
        await Assertions.Expect(last).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(page.Locator("section[data-pool=north] li.rank-item")).ToHaveCountAsync(3);
        Assert.Equal(["n1", "n3", "n2"], await page.Locator("section[data-pool=north] li.rank-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.project)"));
        await Assertions.Expect(page.Locator("section[data-pool=north] li.rank-item[data-project=n3]")).ToBeFocusedAsync();

        // Identity (pesel mode) and submit.
        await page.TabToAsync("input[name=pesel]");
        await page.Keyboard.TypeAsync(Pesels.NextAdult());
        await page.TabToAsync("button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForViewAsync("#/r/");
        var receiptId = await page.Locator("#receipt-id").InnerTextAsync();
        var receipt = await site.GetAsync($"/api/v1/receipts/{receiptId}");
        Assert.Equal(edition, (string?)receipt["editionId"]);
        await Assertions.Expect(page.Locator("#receipt-status")).ToContainTextAsync("policzony");
        await WebSite.ScreenshotAsync(page, "receipt-after-vote");

        // "Check my receipt" by keyboard: the receipt page, status from the API.
        await page.TabToAsync("#check-receipt");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#receipt-id")).ToHaveTextAsync(receiptId);

        // The API counted exactly what was picked, in the ranked order.
        var results = await site.GetAsync($"/api/v1/editions/{edition}/results");
        Assert.Equal(1, (long)results["ballots"]!);
        Assert.Equal(new Dictionary<string, long> { ["c1"] = 1, ["c2"] = 1, ["c3"] = 0, ["c4"] = 0 }, Scores(results, "city"));
        Assert.Equal(new Dictionary<string, long> { ["n1"] = 3, ["n3"] = 2, ["n2"] = 1 }, Scores(results, "north"));
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Home_ListsOpenAndFinishedEditions_AndInitiatives_FromConfigJson()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForViewAsync("#/");
        var open = page.Locator("section[aria-labelledby=editions-h] li.card a");
        await Assertions.Expect(open).ToHaveCountAsync(2);
        Assert.Equal([$"#/e/{site.VotingEdition}", $"#/e/{site.CycleEdition}"], await open.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
        await Assertions.Expect(page.Locator("section[aria-labelledby=finished-h] li.card a")).ToHaveAttributeAsync("href", $"#/e/{site.ClosedEdition}");
        var initiative = await site.GetAsync($"/api/v1/initiatives/{site.Initiative}");
        var card = page.Locator("section[aria-labelledby=initiatives-h] li.card");
        await Assertions.Expect(card).ToContainTextAsync("Zielone podwórka");
        await Assertions.Expect(card).ToContainTextAsync($"Podpisy: {(long)initiative["signatures"]!} z 300");

        // An edition the list does not name, opened by its id.
        await page.Locator("#edition-id").FillAsync(site.ClosedEdition);
        await page.Locator("#edition-id").PressAsync("Enter");
        await page.WaitForViewAsync($"#/e/{site.ClosedEdition}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Wyniki" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Zagłosuj" })).ToHaveCountAsync(0);
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task OrdinalRanking_ReordersByDragAndDrop_CapsThePicks_AndKeepsThemAcrossTheLanguageSwitch()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync($"/#/e/{site.VotingEdition}/vote");
        await page.WaitForViewAsync($"#/e/{site.VotingEdition}/vote");
        await page.Locator("select").SelectOptionAsync("north");
        foreach (var id in (string[])["n1", "n2", "n3"])
        {
            await page.Locator($"section[data-pool=north] button[data-project={id}]").ClickAsync();
        }
        // Three of three ranked: every add button is off.
        await Assertions.Expect(page.Locator("section[data-pool=north] button[data-project]:enabled")).ToHaveCountAsync(0);
        var items = page.Locator("section[data-pool=north] li.rank-item");
        await items.Nth(2).DragToAsync(items.Nth(0));
        await Assertions.Expect(items.First).ToHaveAttributeAsync("data-project", "n3");
        Assert.Equal(["n3", "n1", "n2"], await items.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.project)"));
        await Assertions.Expect(items.First).ToHaveAttributeAsync("aria-label", "Miejsce 1: Project n3, 3 pkt");

        // English: the same ballot, in the other language's words.
        await page.Locator("#language").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(items.First).ToHaveAttributeAsync("aria-label", "Place 1: Project n3, 3 points");
        Assert.Equal(["n3", "n1", "n2"], await items.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.project)"));
        await Assertions.Expect(page.Locator("button[type=submit]")).ToHaveTextAsync("Send ballot");
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task InvalidBallot_ShowsTheApiErrorNextToThePool()
    {
        var edition = TestEditions.NewId();
        await site.CreateEditionAsync(TestEditions.Sample(edition));
        // The same ballot straight to the API: its error for the "east" pool (knapsack, spend ≥ 50 of 100).
        var direct = await (await site.Client.PostJsonAsync($"/api/v1/editions/{edition}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c4", "k3")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");
        var apiErrors = direct["errors"]!.AsArray().Select(e => (PoolId: (string)e!["poolId"]!, Message: (string)e["message"]!)).ToList();
        Assert.Equal(["east"], apiErrors.Select(e => e.PoolId).Distinct());

        var page = await site.NewPageAsync();
        await page.GotoAsync($"/#/e/{edition}/vote");
        await page.WaitForViewAsync($"#/e/{edition}/vote");
        await page.Locator("section[data-pool=city] input[data-project=c4]").CheckAsync();
        await page.Locator("select").SelectOptionAsync("east");
        await page.Locator("section[data-pool=east] input[data-project=k3]").CheckAsync();
        // The builder lets it through (the server judges minimums) but already says what is missing.
        await Assertions.Expect(page.Locator("section[data-pool=east] .tally")).ToContainTextAsync("brakuje");
        var pesel = Pesels.NextAdult();
        await page.Locator("input[name=pesel]").FillAsync(pesel);
        await page.Locator("button[type=submit]").ClickAsync();

        var errors = page.Locator("#errors-east li");
        await Assertions.Expect(errors).ToHaveCountAsync(apiErrors.Count);
        Assert.Equal(apiErrors.Select(e => e.Message), await errors.AllInnerTextsAsync());
        await Assertions.Expect(page.Locator("#errors-city")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator(".form-errors")).ToBeFocusedAsync();
        await WebSite.ScreenshotAsync(page, "ballot-invalid");
        // Nothing was recorded: the same voter can still cast a valid ballot.
        await (await site.Client.PostJsonAsync($"/api/v1/editions/{edition}/ballots", TestEditions.Ballot(pesel, "c4"))).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Results_RenderChartAndTable_WithTheApiNumbers()
    {
        var results = await site.GetAsync($"/api/v1/editions/{site.ClosedEdition}/results");
        var page = await site.NewPageAsync();
        await page.GotoAsync($"/#/e/{site.ClosedEdition}/results");
        await page.WaitForViewAsync($"#/e/{site.ClosedEdition}/results");
        foreach (var pool in results["pools"]!.AsArray().Select(p => p!.AsObject()))
        {
            var poolId = (string)pool["poolId"]!;
            var expected = pool["projects"]!.AsArray().Select(p => p!.AsObject()).ToList();
            var rows = page.Locator($"section[data-pool={poolId}] table tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(expected.Count);
            // Each row as "project cost votes score funded", the numbers read from the cells' data-value.
            var shown = await rows.EvaluateAllAsync<string[]>(
                "rows => rows.map(r => [r.dataset.project, r.cells[2].dataset.value, r.cells[3].dataset.value, r.cells[4].dataset.value, r.classList.contains('funded')].join(' '))");
            Assert.Equal(expected.Select(p => $"{p["projectId"]} {p["cost"]} {p["votes"]} {p["score"]} {((bool)p["selected"]! ? "true" : "false")}"), shown);
            // The chart draws the same numbers, in the same (rank) order.
            var canvas = page.Locator($"canvas[data-pool={poolId}]");
            await Assertions.Expect(canvas).ToBeVisibleAsync();
            var chart = await canvas.EvaluateAsync<long[][]>("c => Chart.getChart(c).data.datasets.map(d => d.data)");
            Assert.Equal(expected.Select(p => (long)p["votes"]!), chart[0]);
            Assert.Equal(expected.Select(p => (long)p["score"]!), chart[1]);
        }
        Assert.Equal(4, (long)results["ballots"]!);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Liczba głosów: 4");
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Initiative_ShowsProgressTowardsTheThreshold_AndASignatureMovesIt()
    {
        var before = await site.GetAsync($"/api/v1/initiatives/{site.Initiative}");
        var page = await site.NewPageAsync();
        await page.GotoAsync($"/#/i/{site.Initiative}");
        await page.WaitForViewAsync($"#/i/{site.Initiative}");
        var bar = page.Locator("progress#signature-progress");
        Assert.Equal("300", await bar.GetAttributeAsync("max"));
        Assert.Equal((long)before["signatures"]!, await bar.EvaluateAsync<long>("b => b.value"));
        await page.Locator("input[name=pesel]").FillAsync(Pesels.NextAdult());
        await page.GetByRole(AriaRole.Button, new() { Name = "Podpisz" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Podpis został zapisany");
        var after = await site.GetAsync($"/api/v1/initiatives/{site.Initiative}");
        Assert.Equal((long)before["signatures"]! + 1, (long)after["signatures"]!);
        Assert.Equal((long)after["signatures"]!, await bar.EvaluateAsync<long>("b => b.value"));
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Proposal_IsSubmittedAndSupported_ThroughThePages()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync($"/#/e/{site.CycleEdition}/propose");
        await page.WaitForViewAsync($"#/e/{site.CycleEdition}/propose");
        await page.GetByLabel("Tytuł projektu").FillAsync("Stojaki rowerowe");
        await page.GetByLabel("Opis", new() { Exact = true }).FillAsync("Dwadzieścia stojaków przy szkole.");
        await page.GetByLabel("Szacowany koszt (zł)").FillAsync("120");
        await page.Locator("input[name=pesel]").FillAsync(Pesels.NextAdult());
        await page.GetByRole(AriaRole.Button, new() { Name = "Zgłoś", Exact = true }).ClickAsync();
        var proposalLink = page.GetByRole(AriaRole.Link, new() { Name = "Strona projektu" });
        await proposalLink.ClickAsync();
        await page.WaitForViewAsync($"#/e/{site.CycleEdition}/p/");
        await Assertions.Expect(page.Locator("#supporters")).ToContainTextAsync("0");

        await page.Locator("#support-form input[name=pesel]").FillAsync(Pesels.NextAdult());
        await page.GetByRole(AriaRole.Button, new() { Name = "Popieram ten projekt" }).ClickAsync();
        await Assertions.Expect(page.Locator("#supporters")).ToContainTextAsync("1");
        var proposalId = page.Url.Split("/p/")[1];
        var proposal = await site.GetAsync($"/api/v1/editions/{site.CycleEdition}/proposals/{proposalId}");
        Assert.Equal("Stojaki rowerowe", (string?)proposal["title"]);
        Assert.Equal(1, (long)proposal["supporters"]!);
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Author_AppealsARejection_FromTheProposalPage()
    {
        var edition = TestEditions.NewId();
        await site.CreateEditionAsync(CycleEditions.Edition(edition));
        var author = Pesels.NextAdult();
        var created = await (await site.Client.PostJsonAsync($"/api/v1/editions/{edition}/proposals", CycleEditions.Proposal(author, "Plac zabaw"))).AssertStatusAsync(HttpStatusCode.Created);
        var proposalId = (string)created["proposalId"]!;
        await site.ChangePhaseAsync(edition, "verification");
        await (await site.Admin.PostJsonAsync($"/api/v1/admin/editions/{edition}/proposals/{proposalId}/decision",
            new JsonObject { ["decision"] = "rejected", ["justification"] = "Teren nie należy do miasta." })).AssertStatusAsync(HttpStatusCode.OK);
        await site.ChangePhaseAsync(edition, "appeals");

        var page = await site.NewPageAsync();
        await page.GotoAsync($"/#/e/{edition}/p/{proposalId}");
        await page.WaitForViewAsync($"#/e/{edition}/p/{proposalId}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Teren nie należy do miasta."); // the justification, in the history
        await Assertions.Expect(page.Locator("#support-form")).ToHaveCountAsync(0);
        await page.GetByLabel("Uzasadnienie odwołania").FillAsync("Działka jest miejska: księga wieczysta KR1P/00012345/6.");
        await page.Locator("#author-form input[name=pesel]").FillAsync(author);
        await page.GetByRole(AriaRole.Button, new() { Name = "Złóż odwołanie" }).ClickAsync();
        await Assertions.Expect(page.Locator("#author-form")).ToContainTextAsync("Odwołanie złożone.");
        Assert.Equal("appealed", (string?)(await site.GetAsync($"/api/v1/editions/{edition}/proposals/{proposalId}"))["status"]);
        Assert.Empty(site.Errors);
    }

    private static Dictionary<string, long> Scores(JsonObject results, string poolId) =>
        results["pools"]!.AsArray().Single(p => (string)p!["poolId"]! == poolId)!["projects"]!.AsArray()
            .ToDictionary(p => (string)p!["projectId"]!, p => (long)p!["score"]!);
}
