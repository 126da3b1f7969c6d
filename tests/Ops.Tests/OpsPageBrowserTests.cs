using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Ops.Tests.Infrastructure;
using Xunit;

namespace Voting.Ops.Tests;

/// <summary>
/// The ops page in a real browser (Debian's Chromium driven by Playwright) against the gateway
/// as a real process on a loopback port: the page's own script must fetch, compute and render.
/// </summary>
public sealed class OpsPageBrowserTests
{
    public const string Chromium = "/usr/bin/chromium";
    private const string AdminToken = "ops-browser-admin-token-0123456789abcdef"; // the process runs as Production: 32+ characters (issue 9)

    private static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task OpsPage_ShowsTheHealthBanner_AndCountsBallotsAsTheyArrive()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-deps (apt-get install chromium).");
        var dataFolder = Path.Combine(Path.GetTempPath(), "voting-ops-browser-" + Guid.NewGuid().ToString("N"));
        await using var gateway = await GatewayProcess.StartAsync(dataFolder, AdminToken);
        using var client = gateway.CreateClient();
        var edition = await Votes.CreateEditionAsync(gateway.CreateClient(AdminToken));
        await Votes.CastAsync(client, edition, 5);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 }, HttpCredentials = new() { Username = "ops", Password = AdminToken } }); // /ops needs the admin token (issue 9)
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        try
        {
            await page.GotoAsync(new Uri(gateway.BaseAddress, $"/ops?edition={edition}").ToString()); // the turnout panel watches the edition (issue 11)
        }
        catch (PlaywrightException e)
        {
            string direct;
            try
            {
                direct = (await gateway.CreateClient(AdminToken).GetAsync("/ops")).StatusCode.ToString();
            }
            catch (HttpRequestException h)
            {
                direct = h.Message;
            }
            throw new InvalidOperationException($"The browser could not load /ops ({e.Message.Split('\n')[0]}); the same URL from the test: {direct}.", e);
        }

        await Assertions.Expect(page.Locator("#banner-state")).ToHaveTextAsync("OK", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#banner")).ToHaveClassAsync("ok");
        await Assertions.Expect(page.Locator("#ballot-total")).ToHaveTextAsync("5", new() { Timeout = 10_000 });

        // While the page watches: more ballots, so the rate and percentiles have a window to show.
        await Votes.CastAsync(client, edition, 30);
        await Assertions.Expect(page.Locator("#ballot-total")).ToHaveTextAsync("35", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#ballot-rate")).Not.ToHaveTextAsync(new Regex("^(–|0\\.0)$"), new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#ballot-p99")).Not.ToHaveTextAsync("–", new() { Timeout = 10_000 });
        // The turnout panel: the edition's ledger count and its hourly bars.
        await Assertions.Expect(page.Locator("#turnout-editions")).ToContainTextAsync("35 ballots", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#turnout-editions")).ToContainTextAsync("per pool");
        await Assertions.Expect(page.Locator("#turnout-hint")).ToBeHiddenAsync();
        // Orleans' activation gauge.
        await Assertions.Expect(page.Locator("#activations")).Not.ToHaveTextAsync(new Regex("^(–|0)$"));
        Assert.Empty(consoleErrors);

        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "ops-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "ops-phone.png"), FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshots in {ScreenshotFolder}");

        // The gateway gone: the banner says DOWN within a poll or two.
        gateway.Kill();
        await Assertions.Expect(page.Locator("#banner-state")).ToHaveTextAsync("DOWN", new() { Timeout = 10_000 });
        await page.SetViewportSizeAsync(1280, 400);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "ops-down.png") });
        TryDelete(dataFolder);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
