using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Web.Tests.Infrastructure;
using Xunit;

namespace Voting.Web.Tests;

/// <summary>
/// <c>email-code</c> mode in the browser (API.md 1.1): the resident asks for the code on the ballot
/// page, reads it from the mail a real SMTP server received, types it in and votes; a wrong code
/// shows the resident's sentence for the API's 401 <c>identity-required</c> and records nothing.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class EmailCodeVotingTests(EmailCodeSite site) : IClassFixture<EmailCodeSite>
{
    private static string NewAddress() => $"r-{Guid.NewGuid():N}@example.pl";

    [Fact]
    public async Task Resident_VotesWithTheCodeFromTheMail_AndTheApiCountsThatBallot()
    {
        var edition = await site.CreateEditionAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync($"/#/e/{edition}");
        await page.WaitForViewAsync($"#/e/{edition}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Zagłosuj" }).ClickAsync();
        await page.WaitForViewAsync($"#/e/{edition}/vote");

        await page.Locator("section[data-pool=city] input[data-project=c1]").CheckAsync();
        await page.Locator("section[data-pool=city] input[data-project=c2]").CheckAsync();
        await page.Locator("select").SelectOptionAsync("north");
        await page.Locator("section[data-pool=north] button[data-project=n1]").ClickAsync();

        // PESEL and e-mail, then the code request: 202 with no body, and the page says the code is on its way.
        var pesel = Pesels.NextAdult();
        var email = NewAddress();
        await page.GetByLabel("Numer PESEL").FillAsync(pesel);
        await page.GetByLabel("Adres e-mail").FillAsync(email);
        var codeRequest = await page.RunAndWaitForRequestFinishedAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Wyślij kod" }).ClickAsync(),
            new() { Predicate = r => r.Url.EndsWith("/api/v1/verification-codes", StringComparison.Ordinal) });
        Assert.Equal(202, (await codeRequest.ResponseAsync())!.Status);
        var sent = JsonNode.Parse(codeRequest.PostData!)!.AsObject();
        Assert.Equal(pesel, (string?)sent["voter"]!["pesel"]);
        Assert.Equal(email, (string?)sent["email"]);
        Assert.Equal("pl", (string?)sent["language"]);
        await Assertions.Expect(page.Locator("fieldset.identity [role=status]")).ToHaveTextAsync("Jeśli dane są poprawne, kod został wysłany na podany adres. Jest ważny 15 minut.");
        var codeField = page.GetByLabel("Kod z wiadomości e-mail");
        await Assertions.Expect(codeField).ToBeFocusedAsync();

        // The mail the SMTP server received, in the page's language.
        var mail = await site.Smtp.NextMailToAsync(email);
        Assert.Equal("Twój kod weryfikacyjny", mail.Subject);
        var code = SmtpSink.CodeIn(mail);

        // The identity step as the resident sees it now: no serious or critical axe violation.
        var axe = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        await WebSite.ScreenshotAsync(page, "email-code-identity");

        await page.Keyboard.TypeAsync(code);
        var ballotRequest = await page.RunAndWaitForRequestFinishedAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Wyślij głos" }).ClickAsync(),
            new() { Predicate = r => r.Url.EndsWith($"/api/v1/editions/{edition}/ballots", StringComparison.Ordinal) });
        Assert.Equal(201, (await ballotRequest.ResponseAsync())!.Status);
        Assert.Equal(code, (string?)JsonNode.Parse(ballotRequest.PostData!)!["voter"]!["code"]);
        await page.WaitForViewAsync("#/r/");
        var receiptId = await page.Locator("#receipt-id").InnerTextAsync();
        await Assertions.Expect(page.Locator("#receipt-status")).ToContainTextAsync("policzony");

        // The API agrees: that receipt, counted, for this edition; one ballot with exactly those picks.
        var receipt = await site.GetAsync($"/api/v1/receipts/{receiptId}");
        Assert.Equal(edition, (string?)receipt["editionId"]);
        Assert.Equal("counted", (string?)receipt["status"]);
        var results = await site.GetAsync($"/api/v1/editions/{edition}/results");
        Assert.Equal(1, (long)results["ballots"]!);
        Assert.Equal(new Dictionary<string, long> { ["c1"] = 1, ["c2"] = 1, ["c3"] = 0, ["c4"] = 0 }, Scores(results, "city"));
        Assert.Equal(new Dictionary<string, long> { ["n1"] = 3, ["n2"] = 0, ["n3"] = 0 }, Scores(results, "north"));
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task WrongCode_ShowsTheResidentSentenceForThe401_AndRecordsNothing_ThenTheRightCodeVotes()
    {
        var edition = await site.CreateEditionAsync();
        // The API answers a ballot without a valid code with 401 identity-required; the page says so
        // in a sentence for residents, in its own language (not the API's developer detail).
        await (await site.Client.PostJsonAsync($"/api/v1/editions/{edition}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1")))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        const string residentMessage = "Your identity could not be confirmed: the code is wrong, expired or already used (or you need to sign in). Nothing was recorded.";

        var page = await site.NewPageAsync();
        await page.GotoAsync($"/#/e/{edition}/vote");
        await page.WaitForViewAsync($"#/e/{edition}/vote");
        // In English (the browser itself says Polish): the page asks for the mail in its own language.
        await page.Locator("#language").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.WaitForViewAsync($"#/e/{edition}/vote");
        await page.Locator("section[data-pool=city] input[data-project=c1]").CheckAsync();
        var pesel = Pesels.NextAdult();
        var email = NewAddress();
        await page.GetByLabel("PESEL number").FillAsync(pesel);
        await page.GetByLabel("E-mail address").FillAsync(email);

        // No code yet: the page says so next to the field and sends nothing.
        var ballotPosts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/ballots", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref ballotPosts);
            }
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Send ballot" }).ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.identity .field-error")).ToHaveTextAsync("Type the code from the e-mail (send the code first).");
        var codeField = page.GetByLabel("Code from the e-mail");
        await Assertions.Expect(codeField).ToBeFocusedAsync();
        Assert.Equal(0, Volatile.Read(ref ballotPosts));

        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.identity [role=status]")).ToContainTextAsync("a code was sent to that address");
        var mail = await site.Smtp.NextMailToAsync(email);
        Assert.Equal("Your verification code", mail.Subject);
        var code = SmtpSink.CodeIn(mail);
        var wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        await codeField.FillAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send ballot" }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-errors")).ToHaveTextAsync(residentMessage);
        await Assertions.Expect(page.Locator(".form-errors")).ToBeFocusedAsync();
        await WebSite.ScreenshotAsync(page, "email-code-wrong-code");
        Assert.Equal(1, Volatile.Read(ref ballotPosts));
        Assert.StartsWith($"#/e/{edition}/vote", await page.EvaluateAsync<string>("() => location.hash"), StringComparison.Ordinal);
        Assert.Equal(0, (long)(await site.GetAsync($"/api/v1/editions/{edition}/results"))["ballots"]!);

        // Nothing was recorded and the code still stands: the right one now casts the first ballot.
        await codeField.FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send ballot" }).ClickAsync();
        await page.WaitForViewAsync("#/r/");
        var receiptId = await page.Locator("#receipt-id").InnerTextAsync();
        Assert.Equal(edition, (string?)(await site.GetAsync($"/api/v1/receipts/{receiptId}"))["editionId"]);
        Assert.Equal(1, (long)(await site.GetAsync($"/api/v1/editions/{edition}/results"))["ballots"]!);
        Assert.Empty(site.Errors);
    }

    private static Dictionary<string, long> Scores(JsonObject results, string poolId) =>
        results["pools"]!.AsArray().Single(p => (string)p!["poolId"]! == poolId)!["projects"]!.AsArray()
            .ToDictionary(p => (string)p!["projectId"]!, p => (long)p!["score"]!);
}
