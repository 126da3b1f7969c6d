using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Web.Tests.Infrastructure;
using Xunit;

namespace Voting.Web.Tests;

/// <summary>
/// oidc mode in the browser: the ballot page sends the resident to the city's SSO (a real OpenID
/// Connect provider, authorization code + PKCE), comes back with the picks kept, and votes with the
/// access token; the ballot belongs to the person the provider signed in.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class OidcSignInTests
{
    private const string ClientId = "voting-web";
    private const string Audience = "voting-api";

    [Fact]
    public async Task Resident_SignsInAtTheCitySso_AndVotesAsThatPerson()
    {
        var pesel = Pesels.NextAdult();
        await using var provider = await SignInProvider.StartAsync(ClientId, Audience, pesel);
        var dataFolder = Path.Combine(Path.GetTempPath(), "voting-web-oidc-" + Guid.NewGuid().ToString("N"));
        await using var gateway = await GatewayProcess.StartAsync(dataFolder, WebSite.AdminToken,
            "--Identity:Mode", "oidc", "--Identity:Oidc:Authority", provider.BaseAddress.AbsoluteUri, "--Identity:Oidc:Audience", Audience,
            "--Identity:Oidc:RequireHttpsMetadata", "false", "--Web:Oidc:ClientId", ClientId, "--Web:Oidc:Scope", "openid");
        provider.RedirectUri = $"{gateway.BaseAddress.GetLeftPart(UriPartial.Authority)}/";
        var edition = TestEditions.NewId();
        using var admin = gateway.CreateClient(WebSite.AdminToken);
        await (await admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(edition))).AssertStatusAsync(HttpStatusCode.Created);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = WebSite.Chromium, Headless = true, Args = ["--headless", "--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { BaseURL = gateway.BaseAddress.ToString() });
        var errors = new List<string>();
        var console = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.Response += (_, response) => console.Add($"{response.Status} {response.Request.Method} {response.Url}");
        page.RequestFailed += (_, request) => console.Add($"failed {request.Method} {request.Url}: {request.Failure}");
        await page.GotoAsync($"/#/e/{edition}/vote");
        await page.WaitForViewAsync($"#/e/{edition}/vote");
        Assert.Equal(0, await page.Locator("input[name=pesel]").CountAsync()); // no PESEL field in oidc mode
        await page.Locator("section[data-pool=city] input[data-project=c1]").CheckAsync();
        await page.Locator("select").SelectOptionAsync("north");
        await page.Locator("section[data-pool=north] button[data-project=n2]").ClickAsync();

        // To the provider and back: the picks survive the round trip.
        await page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj się (login.gov.pl)" }).ClickAsync();
        try
        {
            await Assertions.Expect(page.Locator(".identity")).ToContainTextAsync("Zalogowano", new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Not signed in after the round trip ({provider.SignIns} sign-ins); at {page.Url}; errors: {string.Join(" | ", errors)}; traffic and console: {string.Join(" | ", console)}", e);
        }
        Assert.Equal(1, provider.SignIns);
        Assert.Equal($"{gateway.BaseAddress.GetLeftPart(UriPartial.Authority)}/#/e/{edition}/vote", page.Url); // the code and state are gone from the address
        await Assertions.Expect(page.Locator("section[data-pool=city] input[data-project=c1]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("section[data-pool=north] li.rank-item[data-project=n2]")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Wyślij głos" }).ClickAsync();
        await page.WaitForViewAsync("#/r/");
        var receiptId = await page.Locator("#receipt-id").InnerTextAsync();

        // The same person, with a token of their own, sending the same ballot: the original receipt (a replay).
        using var resident = gateway.CreateClient();
        resident.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await provider.IssueAsync(pesel));
        var body = new System.Text.Json.Nodes.JsonObject { ["selections"] = TestEditions.Ballot(pesel, "c1", "n2")["selections"]!.DeepClone() };
        var replay = await (await resident.PostJsonAsync($"/api/v1/editions/{edition}/ballots", body)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(receiptId, (string?)replay["receiptId"]);
        Assert.Empty(errors);
        await WebSite.ScreenshotAsync(page, "oidc-receipt");
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
