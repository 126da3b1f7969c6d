using Microsoft.Playwright;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Web.Tests.Infrastructure;
using Xunit;

namespace Voting.Web.Tests;

/// <summary>The clerk console at /admin/ in Chromium: the admin token once, then the admin API.</summary>
public sealed class ClerkConsoleTests(WebSite site) : IClassFixture<WebSite>
{
    [Fact]
    public async Task Clerk_ImportsASharedPabulibFile_WithUploadProgress_AndClosesVoting()
    {
        var file = SharedFiles.Pabulib("poland_gdansk_2020_olszynka.pb");
        var id = "gdansk-" + Guid.NewGuid().ToString("N")[..8];
        var page = await site.NewPageAsync();
        await page.GotoAsync("/admin");
        await page.GetByLabel("Token administratora").FillAsync(WebSite.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz token" }).ClickAsync();
        Assert.Equal(WebSite.AdminToken, await page.EvaluateAsync<string>("() => sessionStorage.getItem('admin.token')"));

        await page.Locator("#import-file").SetInputFilesAsync(file);
        await page.Locator("#import-id").FillAsync(id);
        await page.Locator("#import-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#import-status")).ToContainTextAsync($"Zaimportowano edycję {id}", new() { Timeout = 30_000 });
        Assert.Equal(100, await page.Locator("#import-progress").EvaluateAsync<double>("p => p.value"));
        var edition = await site.GetAsync($"/api/v1/editions/{id}");
        Assert.Equal("voting", (string?)edition["phase"]);
        var projects = edition["pools"]!.AsArray().Sum(p => p!["projects"]!.AsArray().Count);
        await Assertions.Expect(page.Locator("#import-status")).ToContainTextAsync($"{projects} projektów");
        await Assertions.Expect(page.Locator("#edition-phase")).ToHaveAttributeAsync("data-phase", "voting");

        // Closing asks first: Cancel changes nothing, Yes closes.
        await page.Locator("#phase-select").SelectOptionAsync("closed");
        await page.Locator("#phase-submit").ClickAsync();
        await Assertions.Expect(page.Locator("dialog#confirm")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#confirm-text")).ToContainTextAsync(id);
        await WebSite.ScreenshotAsync(page, "admin-confirm-close");
        await page.Locator("#confirm-no").ClickAsync();
        await Assertions.Expect(page.Locator("#phase-status")).ToHaveTextAsync("Anulowano.");
        Assert.Equal("voting", (string?)(await site.GetAsync($"/api/v1/editions/{id}"))["phase"]);

        await page.Locator("#phase-submit").ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Assertions.Expect(page.Locator("#edition-phase")).ToHaveAttributeAsync("data-phase", "closed");
        Assert.Equal("closed", (string?)(await site.GetAsync($"/api/v1/editions/{id}"))["phase"]);
        await WebSite.ScreenshotAsync(page, "admin-after-close");
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Clerk_EntersPaperBallots_OneAndByCsv_WithAResultPerRow()
    {
        var edition = TestEditions.NewId();
        await site.CreateEditionAsync(TestEditions.Sample(edition));
        var page = await site.NewPageAsync();
        await page.GotoAsync("/admin/");
        await page.Locator("#admin-token").FillAsync(WebSite.AdminToken);
        await page.Locator("#admin-token").PressAsync("Enter");
        await page.Locator("#edition-id").FillAsync(edition);
        await page.Locator("#edition-id").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#edition-phase")).ToHaveAttributeAsync("data-phase", "voting");

        var first = Pesels.NextAdult();
        await page.Locator("#paper-pesel").FillAsync(first);
        await page.Locator("#paper-picks").FillAsync("c1, c2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz głos" }).ClickAsync();
        await Assertions.Expect(page.Locator("#paper-report tbody tr[data-outcome=recorded]")).ToHaveCountAsync(1);

        var csv = Path.Combine(Path.GetTempPath(), $"paper-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, $"pesel,picks,district\n{Pesels.NextAdult()},c1 c4\n{first},c1 c2\n{Pesels.NextAdult()},c1 c2 c3\n{Pesels.NextAdult()},n1 n2,\n");
        await page.Locator("#paper-csv").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Wyślij plik CSV" }).ClickAsync();
        var rows = page.Locator("#paper-report tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        Assert.Equal(["recorded", "duplicate", "invalid", "recorded"], await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.outcome)"));
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("city");
        File.Delete(csv);
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Clerk_DecidesTheVerificationQueue_UpdatesDelivery_AndExportsOpenData()
    {
        var edition = TestEditions.NewId();
        await site.CreateEditionAsync(CycleEditions.Edition(edition));
        var kept = await ProposeAsync(edition, "Park kieszonkowy", 300);
        var refused = await ProposeAsync(edition, "Fontanna ze złota", 900);
        await site.ChangePhaseAsync(edition, "verification");
        var page = await OpenConsoleAsync(edition, "verification");

        await page.GetByRole(AriaRole.Button, new() { Name = "Wczytaj kolejkę" }).ClickAsync();
        var cards = page.Locator("#queue li.card");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        var keptCard = cards.Filter(new() { HasText = "Park kieszonkowy" });
        await keptCard.GetByLabel("Koszt po weryfikacji").FillAsync("280");
        await keptCard.GetByRole(AriaRole.Button, new() { Name = "Przyjmij" }).ClickAsync();
        await Assertions.Expect(keptCard).ToContainTextAsync("Decyzja zapisana: zaakceptowany");
        var refusedCard = cards.Filter(new() { HasText = "Fontanna" });
        await refusedCard.GetByLabel("Uzasadnienie").FillAsync("Koszt przekracza budżet puli.");
        await refusedCard.GetByRole(AriaRole.Button, new() { Name = "Odrzuć" }).ClickAsync();
        await Assertions.Expect(refusedCard).ToContainTextAsync("Decyzja zapisana: odrzucony");
        var accepted = await site.GetAsync($"/api/v1/editions/{edition}/proposals/{kept}");
        Assert.Equal("accepted", (string?)accepted["status"]);
        Assert.Equal(280, (long)accepted["verifiedCost"]!);
        Assert.Equal("rejected", (string?)(await site.GetAsync($"/api/v1/editions/{edition}/proposals/{refused}"))["status"]);

        // Through the vote to final; then the winner's delivery, from the console.
        foreach (var phase in (string[])["appeals", "voting"])
        {
            await site.ChangePhaseAsync(edition, phase);
        }
        await site.CastAsync(edition, Pesels.NextAdult(), kept);
        await site.ChangePhaseAsync(edition, "closed");
        await site.ChangePhaseAsync(edition, "final");
        await page.Locator("#edition-id").FillAsync(edition);
        await page.Locator("#edition-id").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#edition-phase")).ToHaveAttributeAsync("data-phase", "final");
        await page.Locator("#delivery-project").FillAsync(kept);
        await page.Locator("#delivery-status").SelectOptionAsync("in-progress");
        await page.Locator("#delivery-percent").FillAsync("40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz stan realizacji" }).ClickAsync();
        await Assertions.Expect(page.Locator("#delivery-log")).ToHaveTextAsync("Zapisano.");
        var project = await site.GetAsync($"/api/v1/editions/{edition}/projects/{kept}");
        Assert.Equal("in-progress", (string?)project["delivery"]!["status"]);
        Assert.Equal(40, (int)project["delivery"]!["percent"]!);

        // The open-data export, downloaded with the token the console keeps.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Pobierz pabulib" }).ClickAsync());
        Assert.Equal($"{edition}.pb", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("META", text, StringComparison.Ordinal);
        Assert.Contains("Park kieszonkowy", text, StringComparison.Ordinal);
        Assert.Empty(site.Errors);
    }

    private async Task<string> ProposeAsync(string edition, string title, long cost)
    {
        var created = await (await site.Client.PostJsonAsync($"/api/v1/editions/{edition}/proposals", CycleEditions.Proposal(Pesels.NextAdult(), title, cost)))
            .AssertStatusAsync(System.Net.HttpStatusCode.Created);
        return (string)created["proposalId"]!;
    }

    private async Task<IPage> OpenConsoleAsync(string edition, string phase)
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/admin/");
        await page.Locator("#admin-token").FillAsync(WebSite.AdminToken);
        await page.Locator("#admin-token").PressAsync("Enter");
        await page.Locator("#edition-id").FillAsync(edition);
        await page.Locator("#edition-id").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#edition-phase")).ToHaveAttributeAsync("data-phase", phase);
        return page;
    }
}
