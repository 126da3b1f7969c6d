using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Voting.Web.Tests.Infrastructure;
using Xunit;

namespace Voting.Web.Tests;

/// <summary>
/// axe-core (WCAG 2.1 A/AA rules) on every page, at desktop size and at a 390 px phone viewport:
/// no serious or critical violation. Each page is also saved as a screenshot (test output/screenshots).
/// </summary>
public sealed class AccessibilityTests(WebSite site) : IClassFixture<WebSite>
{
    private static readonly string[] Pages = ["home", "edition", "ballot", "results", "receipt", "initiative", "propose", "proposal", "admin-token", "admin-console", "english-home"];

    public static TheoryData<string, int> PagesAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Pages)
        {
            data.Add(name, 1280);
            data.Add(name, 390);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndWidths))]
    public async Task Page_HasNoSeriousOrCriticalAxeViolation(string name, int width)
    {
        var page = await site.NewPageAsync(width, width < 600 ? 844 : 900);
        await OpenAsync(page, name);
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        await WebSite.ScreenshotAsync(page, $"{name}-{(width < 600 ? "phone" : "desktop")}");
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        // A phone viewport scrolls vertically only.
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"{name} scrolls sideways at {width} px.");
        Assert.Empty(site.Errors);
        await page.Context.CloseAsync();
    }

    private async Task OpenAsync(IPage page, string name)
    {
        async Task Go(string hash)
        {
            await page.GotoAsync("/" + hash);
            await page.WaitForViewAsync(hash);
        }
        switch (name)
        {
            case "home":
                await Go("#/");
                await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Test edition");
                break;
            case "english-home":
                await Go("#/");
                await page.Locator("#language").ClickAsync();
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Residents' vote");
                await page.EvaluateAsync("() => localStorage.removeItem('lang')");
                break;
            case "edition":
                await Go($"#/e/{site.VotingEdition}");
                break;
            case "ballot":
                await Go($"#/e/{site.VotingEdition}/vote");
                await page.Locator("select").SelectOptionAsync("north");
                await page.Locator("section[data-pool=north] button[data-project=n2]").ClickAsync();
                await page.Locator("select").SelectOptionAsync("south");
                await page.Locator("section[data-pool=south] input[data-project=s1]").FillAsync("3");
                await page.Locator("section[data-pool=city] input[data-project=c1]").CheckAsync();
                break;
            case "results":
                await Go($"#/e/{site.ClosedEdition}/results");
                await Assertions.Expect(page.Locator("canvas").First).ToBeVisibleAsync();
                break;
            case "receipt":
                await Go($"#/r/{site.ReceiptId}");
                break;
            case "initiative":
                await Go($"#/i/{site.Initiative}");
                break;
            case "propose":
                await Go($"#/e/{site.CycleEdition}/propose");
                break;
            case "proposal":
                await Go($"#/e/{site.CycleEdition}/p/{site.ProposalId}");
                break;
            case "admin-token":
                await page.GotoAsync("/admin/");
                await Assertions.Expect(page.Locator("#admin-token")).ToBeVisibleAsync();
                break;
            case "admin-console":
                await page.GotoAsync("/admin/");
                await page.Locator("#admin-token").FillAsync(WebSite.AdminToken);
                await page.Locator("#admin-token").PressAsync("Enter");
                await page.Locator("#edition-id").FillAsync(site.ClosedEdition);
                await page.Locator("#edition-id").PressAsync("Enter");
                await Assertions.Expect(page.Locator("#edition-phase")).ToHaveAttributeAsync("data-phase", "closed");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "unknown page");
        }
    }
}
