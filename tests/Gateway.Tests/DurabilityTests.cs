using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>kill -9 of the embedded process during a stream of votes loses no acknowledged ballot.</summary>
public sealed class DurabilityTests
{
    private const string Token = "durability-token-0123456789abcdefghij"; // the process runs as Production: 32+ characters (issue 9)

    [Fact]
    public async Task KillDuringVoteStream_EveryAcknowledgedBallotSurvivesRestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "voting-durability-" + Guid.NewGuid().ToString("N"));
        var editionId = TestEditions.NewId();
        var acknowledged = new ConcurrentBag<string>();
        var attempted = 0;
        try
        {
            await using (var gateway = await GatewayProcess.StartAsync(data, Token))
            {
                using var admin = gateway.CreateClient(Token);
                await (await admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(editionId))).AssertStatusAsync(HttpStatusCode.Created);
                using var client = gateway.CreateClient();
                using var stop = new CancellationTokenSource();
                var voters = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref attempted);
                        try
                        {
                            var response = await client.PostJsonAsync($"/api/v1/editions/{editionId}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1", "c2"));
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                acknowledged.Add((string)(await response.ReadJsonAsync())["receiptId"]!);
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return; // the process is gone
                        }
                        catch (TaskCanceledException)
                        {
                            return;
                        }
                    }
                })).ToArray();
                while (acknowledged.Count < 300)
                {
                    await Task.Delay(20);
                }
                gateway.Kill(); // mid-stream: requests are in flight
                stop.Cancel();
                await Task.WhenAll(voters);
            }

            Assert.True(acknowledged.Count >= 300);
            await using var restarted = await GatewayProcess.StartAsync(data, Token);
            using var reader = restarted.CreateClient(Token);
            foreach (var receiptId in acknowledged)
            {
                var receipt = await (await reader.GetAsync($"/api/v1/receipts/{receiptId}")).AssertStatusAsync(HttpStatusCode.OK);
                Assert.Equal("counted", (string?)receipt["status"]);
            }
            var results = await (await reader.GetAsync($"/api/v1/editions/{editionId}/results")).AssertStatusAsync(HttpStatusCode.OK);
            var ballots = (long)results["ballots"]!;
            // Every acknowledged ballot is counted; at most the ones in flight at the kill were committed without an answer.
            Assert.InRange(ballots, acknowledged.Count, attempted);
            var c1 = results["pools"]![0]!["projects"]!.AsArray().Single(p => (string?)p!["projectId"] == "c1")!;
            Assert.Equal(ballots, (long)c1["votes"]!);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
