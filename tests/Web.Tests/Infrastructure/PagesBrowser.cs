using Microsoft.Playwright;

namespace Voting.Web.Tests.Infrastructure;

/// <summary>
/// One Debian Chromium driven by Playwright for a test class's pages, and the script errors any of
/// its pages met (4xx answers the pages expect are not errors).
/// </summary>
public sealed class PagesBrowser : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PagesBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public List<string> Errors { get; } = [];

    public static async Task<PagesBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        return new PagesBrowser(playwright, await playwright.Chromium.LaunchAsync(new() { ExecutablePath = WebSite.Chromium, Headless = true, Args = ChromiumArgs }));
    }

    /// <summary>A fresh page (own storage, Polish browser locale) of the site at <paramref name="baseAddress"/>, recording script errors.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 900)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = baseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 4", StringComparison.Ordinal))
            {
                Errors.Add(message.Text);
            }
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
