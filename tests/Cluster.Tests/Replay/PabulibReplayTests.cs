using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Voting.Cluster.Tests.Failover;
using Voting.Cluster.Tests.Infrastructure;
using Voting.Grains.Pabulib;

namespace Voting.Cluster.Tests.Replay;

/// <summary>
/// The core replay in cluster mode: every ballot of every shared pabulib file, sent through the
/// cluster gateway, gives exactly the file's per-project votes and scores and greedy's winners.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class PabulibReplayTests(PostgresServer server, AzuriteServer azurite)
{
    private const int Concurrency = 32;

    [Fact]
    public async Task Replaying_every_shared_pabulib_file_through_the_cluster_gives_the_files_results()
    {
        await using var cluster = await LocalCluster.StartAsync(server, 2);
        await ReplayAsync(cluster);
    }

    [Fact]
    public async Task Replaying_every_shared_pabulib_file_through_the_cluster_on_azure_tables_gives_the_files_results()
    {
        await using var cluster = await LocalCluster.StartAsync(azurite, 2);
        await ReplayAsync(cluster);
    }

    private static async Task ReplayAsync(LocalCluster cluster)
    {
        var folder = Path.Combine(Path.GetDirectoryName(LocalCluster.Root)!, "shared", "pabulib");
        var voter = 0;
        foreach (var file in Directory.GetFiles(folder, "*.pb").Order())
        {
            var text = await File.ReadAllTextAsync(file);
            var expected = PabulibImport.ToEdition(PabulibParser.Parse(text), "expected", DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            var id = "replay-" + Guid.NewGuid().ToString("N")[..8];
            await AdminAsync(cluster, HttpMethod.Post, $"/api/v1/admin/editions/import?format=pabulib&id={id}", new StringContent(text, Encoding.UTF8, "text/plain"));

            var first = voter;
            voter += expected.Ballots.Count;
            var statuses = new int[expected.Ballots.Count];
            async Task<int> SendAsync(int i)
            {
                var body = new JsonObject
                {
                    ["voter"] = new JsonObject { ["pesel"] = Pesels.Of(first + i) },
                    ["selections"] = new JsonArray(expected.Ballots[i].Selections.Select(s => (JsonNode)new JsonObject { ["projectId"] = s.ProjectId, ["points"] = s.Points }).ToArray()),
                };
                using var response = await cluster.Http.PostAsync(new Uri(cluster.GatewayUrl, $"/api/v1/editions/{id}/ballots"), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                return (int)response.StatusCode;
            }
            await Parallel.ForAsync(0, expected.Ballots.Count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) => statuses[i] = await SendAsync(i));
            // A call that timed out on a loaded machine answers 503 (nothing recorded, or outcome unknown);
            // as API.md tells clients, it is sent again: 201 (recorded now) or 200 (it had been recorded).
            foreach (var i in Enumerable.Range(0, statuses.Length).Where(i => statuses[i] == 503).ToList())
            {
                var again = await SendAsync(i);
                statuses[i] = again == 200 ? 201 : again;
            }
            Assert.All(statuses, s => Assert.Equal(201, s));

            await AdminAsync(cluster, HttpMethod.Post, $"/api/v1/admin/editions/{id}/phase", JsonContent.Create(new { phase = "closed" }));
            var results = (await cluster.Http.GetFromJsonAsync<JsonObject>(new Uri(cluster.GatewayUrl, $"/api/v1/editions/{id}/results")))!;
            Assert.Equal(expected.Ballots.Count, (long)results["ballots"]!);
            var projects = results["pools"]!.AsArray().SelectMany(p => p!["projects"]!.AsArray()).ToDictionary(p => (string)p!["projectId"]!);
            foreach (var fact in expected.Projects)
            {
                var actual = projects[fact.ProjectId]!;
                Assert.True(fact.Votes is null || fact.Votes == (long)actual["votes"]!, $"{Path.GetFileName(file)} {fact.ProjectId}: votes {actual["votes"]} vs {fact.Votes}");
                Assert.True(fact.Score is null || fact.Score == (long)actual["score"]!, $"{Path.GetFileName(file)} {fact.ProjectId}: score {actual["score"]} vs {fact.Score}");
                Assert.True(fact.Selected is null || fact.Selected == (bool)actual["selected"]!, $"{Path.GetFileName(file)} {fact.ProjectId}: selected {actual["selected"]} vs {fact.Selected}");
            }
        }
    }

    private static async Task AdminAsync(LocalCluster cluster, HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, new Uri(cluster.GatewayUrl, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AdminToken);
        using var response = await cluster.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
