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
}
