using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Grains.Pabulib;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// Real editions: replaying every ballot of each shared pabulib file through the HTTP API gives
/// exactly the file's per-project votes and scores, and greedy picks the file's winners.
/// </summary>
public sealed class PabulibReplayTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private const int Concurrency = 32;
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    public static TheoryData<string> Files() => new(SharedFiles.AllPabulibFiles().Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ReplayingEveryBallotOnline_GivesTheFilesVotesScoresAndWinners(string file)
    {
        var text = await File.ReadAllTextAsync(SharedFiles.Pabulib(file));
        var expected = PabulibImport.ToEdition(PabulibParser.Parse(text), "expected", DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var id = TestEditions.NewId();
        await (await _admin.PostRawAsync($"/api/v1/admin/editions/import?format=pabulib&id={id}", text, "text/plain")).AssertStatusAsync(HttpStatusCode.Created);

        var statuses = new int[expected.Ballots.Count];
        await Parallel.ForAsync(0, expected.Ballots.Count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            var ballot = expected.Ballots[i];
            var body = new JsonObject
            {
                ["voter"] = new JsonObject { ["pesel"] = Pesels.NextAdult() },
                ["selections"] = new JsonArray(ballot.Selections.Select(s => (JsonNode)new JsonObject { ["projectId"] = s.ProjectId, ["points"] = s.Points }).ToArray()),
            };
            statuses[i] = (int)(await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", body)).StatusCode;
        });
        Assert.All(statuses, s => Assert.Equal(201, s));

        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" })).AssertStatusAsync(HttpStatusCode.OK);
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(expected.Ballots.Count, (long)results["ballots"]!);
        AssertMatchesFile(expected, results);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ImportingWithVotes_GivesTheFilesVotesScoresAndWinners(string file)
    {
        var text = await File.ReadAllTextAsync(SharedFiles.Pabulib(file));
        var expected = PabulibImport.ToEdition(PabulibParser.Parse(text), "expected", DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var id = TestEditions.NewId();
        var response = await _admin.PostRawAsync($"/api/v1/admin/editions/import?format=pabulib&id={id}&includeVotes=true", text, "text/plain");
        await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(expected.Ballots.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("Import-Ballots-Recorded").Single());
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "closed" })).AssertStatusAsync(HttpStatusCode.OK);
        var results = await (await _client.GetAsync($"/api/v1/editions/{id}/results")).AssertStatusAsync(HttpStatusCode.OK);
        AssertMatchesFile(expected, results);
    }

    private static void AssertMatchesFile(PabulibImportResult expected, JsonObject results)
    {
        var projects = results["pools"]!.AsArray()
            .SelectMany(pool => pool!["projects"]!.AsArray().Select(p => (Pool: (string)pool["poolId"]!, Project: p!)))
            .ToDictionary(p => (string)p.Project["projectId"]!);
        foreach (var fact in expected.Projects)
        {
            var actual = projects[fact.ProjectId].Project;
            Assert.Equal(fact.PoolId, projects[fact.ProjectId].Pool);
            if (fact.Votes is { } votes)
            {
                Assert.True(votes == (long)actual["votes"]!, $"{fact.ProjectId}: votes {actual["votes"]}, file says {votes}");
            }
            if (fact.Score is { } score)
            {
                Assert.True(score == (long)actual["score"]!, $"{fact.ProjectId}: score {actual["score"]}, file says {score}");
            }
            if (fact.Selected is { } selected)
            {
                Assert.True(selected == (bool)actual["selected"]!, $"{fact.ProjectId}: selected {actual["selected"]}, file says {selected}");
            }
        }
    }
}
