using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Voting.Cluster.Tests.Infrastructure;

namespace Voting.Cluster.Tests.Azure;

/// <summary>Embedded mode (one gateway process hosting its silo) with the ledger on Azure Table storage (Azurite).</summary>
public sealed class AzureEmbeddedTests(AzuriteServer azurite)
{
    private readonly string _token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _table = AzuriteServer.NewTableName("embedded");

    [Fact]
    public async Task An_embedded_gateway_on_azure_records_a_ballot_once_and_keeps_it_across_a_kill()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var (gateway, url) = await StartGatewayAsync(http);
        var first = (string?)null;
        try
        {
            using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/api/v1/admin/editions")) { Content = JsonContent.Create(Edition("emb")) })
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                using var created = await http.SendAsync(request);
                Assert.Equal(201, (int)created.StatusCode);
            }
            var ballot = new { voter = new { pesel = Pesels.Of(950_000) }, selections = new[] { new { projectId = "p1" } } };
            using var recorded = await http.PostAsJsonAsync(new Uri(url, "/api/v1/editions/emb/ballots"), ballot);
            Assert.Equal(201, (int)recorded.StatusCode);
            first = (string)(await recorded.Content.ReadFromJsonAsync<JsonObject>())!["receiptId"]!;
        }
        finally
        {
            gateway.Signal("KILL");
            await gateway.WaitForExitAsync(TimeSpan.FromSeconds(10));
            gateway.Dispose();
        }

        (gateway, url) = await StartGatewayAsync(http);
        using (gateway)
        {
            var ballot = new { voter = new { pesel = Pesels.Of(950_000) }, selections = new[] { new { projectId = "p1" } } };
            using var replayed = await http.PostAsJsonAsync(new Uri(url, "/api/v1/editions/emb/ballots"), ballot);
            var receipt = await http.GetFromJsonAsync<JsonObject>(new Uri(url, $"/api/v1/receipts/{first}"));
            var results = await http.GetFromJsonAsync<JsonObject>(new Uri(url, "/api/v1/editions/emb/results"));

            Assert.Equal(200, (int)replayed.StatusCode);
            Assert.Equal(first, (string)(await replayed.Content.ReadFromJsonAsync<JsonObject>())!["receiptId"]!);
            Assert.Equal("counted", (string)receipt!["status"]!);
            Assert.Equal(1, (long)results!["ballots"]!);
        }
    }

    private async Task<(ChildProcess Gateway, Uri Url)> StartGatewayAsync(HttpClient http)
    {
        var url = new Uri($"http://127.0.0.1:{PostgresServer.FreePort()}");
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var gateway = ChildProcess.StartDotnet(Path.Combine(LocalCluster.Root, "Gateway", "bin", configuration, "net10.0", "Voting.Gateway.dll"),
        [
            "--urls", url.ToString().TrimEnd('/'), "--Storage:Provider=azure", $"--Storage:ConnectionString={azurite.ConnectionString}",
            $"--Storage:TableName={_table}", $"--Admin:Token={_token}", $"--Voting:VoterKeySecret={_secret}", "--Logging:LogLevel:Default=Warning",
        ], Path.Combine(Path.GetTempPath(), $"voting-{_table}.log"));
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var ready = await http.GetAsync(new Uri(url, "/health/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return (gateway, url);
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        gateway.Dispose();
        throw new TimeoutException("The embedded gateway was not ready: " + gateway.Log());
    }

    private static object Edition(string id) => new
    {
        id, name = "Embedded on Azure", phase = "voting",
        votingOpensAt = "2020-01-01T00:00:00+00:00", votingClosesAt = "2099-12-31T23:59:59+00:00",
        duplicatePolicy = "first-wins", liveResults = true,
        pools = new[]
        {
            new
            {
                id = "city", name = "City", kind = "city", budget = 1000, method = "greedy",
                ballot = new { type = "approval", minSelections = 1, maxSelections = 2 },
                projects = new[] { new { id = "p1", title = "One", cost = 100 }, new { id = "p2", title = "Two", cost = 200 } },
            },
        },
    };
}
