using System.Text.Json.Nodes;

namespace Voting.Gateway.Tests.Infrastructure;

/// <summary>Edition documents for tests, as a city would post them (API.md).</summary>
public static class TestEditions
{
    public static string NewId() => "e-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// A city pool (approval, 1-3 picks, total cost ≤ 300), an ordinal district pool "north"
    /// (3/2/1), a cumulative district pool "south" (1-10 points, ≤ 5 per project) and a knapsack
    /// district pool "east" (budget 100, spend ≥ 50%).
    /// </summary>
    public static JsonObject Sample(string id, string phase = "voting", int minVoterAge = 0, bool liveResults = true, bool allowBallotChange = false) => new()
    {
        ["id"] = id,
        ["name"] = "Test edition " + id,
        ["phase"] = phase,
        ["votingOpensAt"] = "2020-01-01T00:00:00+01:00",
        ["votingClosesAt"] = "2099-12-31T23:59:59+01:00",
        ["minVoterAge"] = minVoterAge,
        ["allowBallotChange"] = allowBallotChange,
        ["maxDistrictPools"] = 1,
        ["liveResults"] = liveResults,
        ["pools"] = new JsonArray
        {
            Pool("city", "city", new JsonObject { ["type"] = "approval", ["minSelections"] = 1, ["maxSelections"] = 3, ["maxTotalCost"] = 300 }, 1000,
                ("c1", 100), ("c2", 150), ("c3", 200), ("c4", 50)),
            Pool("north", "district", new JsonObject { ["type"] = "ordinal", ["minSelections"] = 1, ["maxSelections"] = 3, ["points"] = new JsonArray(3, 2, 1) }, 500,
                ("n1", 100), ("n2", 200), ("n3", 300)),
            Pool("south", "district", new JsonObject { ["type"] = "cumulative", ["minPoints"] = 1, ["maxPoints"] = 10, ["maxPointsPerProject"] = 5 }, 500,
                ("s1", 100), ("s2", 100)),
            Pool("east", "district", new JsonObject { ["type"] = "knapsack", ["minSpendPercent"] = 50 }, 100,
                ("k1", 60), ("k2", 40), ("k3", 30)),
        },
    };

    private static JsonObject Pool(string id, string kind, JsonObject ballot, long budget, params (string Id, long Cost)[] projects) => new()
    {
        ["id"] = id,
        ["name"] = id,
        ["kind"] = kind,
        ["budget"] = budget,
        ["ballot"] = ballot,
        ["method"] = "greedy",
        ["projects"] = new JsonArray(projects.Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["title"] = "Project " + p.Id, ["cost"] = p.Cost }).ToArray()),
    };

    public static JsonObject Ballot(string pesel, params string[] projectIds) => new()
    {
        ["voter"] = new JsonObject { ["pesel"] = pesel },
        ["selections"] = new JsonArray(projectIds.Select(p => (JsonNode)new JsonObject { ["projectId"] = p }).ToArray()),
    };

    public static JsonObject PointsBallot(string pesel, params (string ProjectId, int Points)[] picks) => new()
    {
        ["voter"] = new JsonObject { ["pesel"] = pesel },
        ["selections"] = new JsonArray(picks.Select(p => (JsonNode)new JsonObject { ["projectId"] = p.ProjectId, ["points"] = p.Points }).ToArray()),
    };
}

/// <summary>Editions that start before voting: pools without projects, proposals first.</summary>
public static class CycleEditions
{
    /// <summary>One approval city pool (budget 1000, 1-3 picks) without projects, in phase <paramref name="phase"/>.</summary>
    public static JsonObject Edition(string id, string phase = "submission", int minSupporters = 0, int maxProposalsPerAuthor = 3, bool withSecondPool = false)
    {
        var pools = new JsonArray
        {
            new JsonObject
            {
                ["id"] = "city", ["name"] = "city", ["kind"] = "city", ["budget"] = 1000,
                ["ballot"] = new JsonObject { ["type"] = "approval", ["minSelections"] = 1, ["maxSelections"] = 3 },
                ["method"] = "greedy", ["minSupporters"] = minSupporters, ["maxProposalsPerAuthor"] = maxProposalsPerAuthor,
                ["projects"] = new JsonArray(),
            },
        };
        if (withSecondPool)
        {
            pools.Add(new JsonObject
            {
                ["id"] = "north", ["name"] = "north", ["kind"] = "district", ["budget"] = 500,
                ["ballot"] = new JsonObject { ["type"] = "approval", ["minSelections"] = 1 },
                ["projects"] = new JsonArray(),
            });
        }
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = "Cycle edition " + id,
            ["phase"] = phase,
            ["votingOpensAt"] = "2020-01-01T00:00:00+01:00",
            ["votingClosesAt"] = "2099-12-31T23:59:59+01:00",
            ["liveResults"] = false,
            ["pools"] = pools,
        };
    }

    public static JsonObject Proposal(string authorPesel, string title, long cost = 100, string poolId = "city") => new()
    {
        ["author"] = new JsonObject { ["pesel"] = authorPesel },
        ["poolId"] = poolId,
        ["title"] = title,
        ["description"] = "Description of " + title,
        ["costEstimate"] = cost,
        ["location"] = "Rynek",
        ["category"] = "green",
    };

    public static JsonObject Voter(string pesel) => new() { ["voter"] = new JsonObject { ["pesel"] = pesel } };

    public static JsonObject Author(string pesel) => new() { ["author"] = new JsonObject { ["pesel"] = pesel } };
}
