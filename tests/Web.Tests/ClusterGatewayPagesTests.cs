using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Voting.Cluster.Tests.Infrastructure;
using Voting.Web.Tests.Infrastructure;
using Xunit;

namespace Voting.Web.Tests;

/// <summary>
/// The same pages served by a cluster gateway (an Orleans client; a silo process; PostgreSQL):
/// a resident votes and, after the close, reads the results from it.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ClusterGatewayPagesTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task ClusterGateway_ServesThePages_AResidentVotes_AndReadsTheResults()
    {
        await using var cluster = await LocalCluster.StartAsync(postgres, silos: 1);
        var edition = "c-" + Guid.NewGuid().ToString("N")[..10];
        await cluster.CreateEditionAsync(edition);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = WebSite.Chromium, Headless = true, Args = ["--headless", "--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { BaseURL = cluster.GatewayUrl.ToString() });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync($"/#/e/{edition}/vote");
        await page.WaitForViewAsync($"#/e/{edition}/vote");
        await page.Locator("input[data-project=p2]").CheckAsync();
        await page.Locator("input[name=pesel]").FillAsync(Gateway.Tests.Infrastructure.Pesels.NextAdult());
        await page.GetByRole(AriaRole.Button, new() { Name = "Wyślij głos" }).ClickAsync();
        await page.WaitForViewAsync("#/r/");
        var receiptId = await page.Locator("#receipt-id").InnerTextAsync();
        using (var receipt = await cluster.Http.GetAsync(new Uri(cluster.GatewayUrl, $"/api/v1/receipts/{receiptId}")))
        {
            Assert.True(receipt.IsSuccessStatusCode, $"receipt {receiptId}: {(int)receipt.StatusCode}");
        }

        using (var close = new HttpRequestMessage(HttpMethod.Post, new Uri(cluster.GatewayUrl, $"/api/v1/admin/editions/{edition}/phase"))
        {
            Content = new StringContent("""{"phase":"closed"}""", Encoding.UTF8, "application/json"),
        })
        {
            close.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AdminToken);
            Assert.True((await cluster.Http.SendAsync(close)).IsSuccessStatusCode);
        }
        await page.GotoAsync($"/#/e/{edition}/results");
        await page.WaitForViewAsync($"#/e/{edition}/results");
        var results = JsonNode.Parse(await cluster.Http.GetStringAsync(new Uri(cluster.GatewayUrl, $"/api/v1/editions/{edition}/results")))!;
        var votes = results["pools"]![0]!["projects"]!.AsArray().Select(p => (long)p!["votes"]!).ToArray();
        Assert.Equal([1L, 0L], votes);
        Assert.Equal(["p2", "p1"], await page.Locator("section[data-pool=city] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.project)"));
        Assert.Equal(votes, await page.Locator("canvas[data-pool=city]").EvaluateAsync<long[]>("c => Chart.getChart(c).data.datasets[0].data"));
        Assert.Empty(errors);
        await WebSite.ScreenshotAsync(page, "cluster-results");
    }
}
