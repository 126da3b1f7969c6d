using System.Globalization;
using System.Text.Json.Nodes;

namespace Voting.LoadTests.Model;

/// <summary>
/// Generates a fresh edition document for <c>POST /api/v1/admin/editions</c>: a Kraków-style
/// ordinal city pool plus district pools of the other three ballot types, window open now.
/// </summary>
public static class EditionFactory
{
    public static string NewId(string prefix, TimeProvider time)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return $"{prefix}-{stamp}-{Random.Shared.Next(0x100000, 0xFFFFFF):x6}";
    }

    public static JsonObject Create(string id, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = $"Load test {id}",
            ["votingOpensAt"] = now.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
            ["votingClosesAt"] = now.AddDays(2).ToString("O", CultureInfo.InvariantCulture),
            ["minVoterAge"] = 0,
            ["allowBallotChange"] = false,
            ["liveResults"] = true,
            ["maxDistrictPools"] = 1,
            ["pools"] = new JsonArray(
                PoolNode("city", "Ogólnomiejski", "city", 6_400_000, Rule("ordinal", 3, 3, ("points", new JsonArray(3, 2, 1))), "c", 14, 150_000, 1_300_000),
                PoolNode("d1", "Dzielnica I", "district", 1_000_000, Rule("approval", 1, 5, ("maxTotalCost", 900_000)), "d1-", 10, 50_000, 400_000),
                PoolNode("d2", "Dzielnica II", "district", 800_000, Rule("cumulative", 0, null, ("minPoints", 1), ("maxPoints", 10), ("maxPointsPerProject", 5)), "d2-", 8, 40_000, 300_000),
                PoolNode("d3", "Dzielnica III", "district", 700_000, Rule("knapsack", 0, null), "d3-", 9, 60_000, 350_000)),
        };
    }

    public static JsonObject Initiative(string id, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new JsonObject
        {
            ["id"] = id,
            ["title"] = $"Load test initiative {id}",
            ["threshold"] = 100_000_000,
            ["collectFrom"] = now.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
            ["collectUntil"] = now.AddDays(2).ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private static JsonObject Rule(string type, int minSelections, int? maxSelections, params (string Key, JsonNode? Value)[] extra)
    {
        var rule = new JsonObject { ["type"] = type };
        if (type is "approval" or "ordinal")
        {
            rule["minSelections"] = minSelections;
            rule["maxSelections"] = maxSelections;
        }

        foreach (var (key, value) in extra)
        {
            rule[key] = value;
        }

        return rule;
    }

    private static JsonObject PoolNode(string id, string name, string kind, long budget, JsonObject rule, string projectPrefix, int projects, long minCost, long maxCost)
    {
        var list = new JsonArray();
        for (var i = 1; i <= projects; i++)
        {
            var cost = minCost + ((maxCost - minCost) * ((i * 7) % projects) / Math.Max(projects - 1, 1));
            list.Add(new JsonObject { ["id"] = $"{projectPrefix}{i}", ["title"] = $"Projekt {projectPrefix}{i}", ["cost"] = cost / 1000 * 1000 });
        }

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["kind"] = kind,
            ["budget"] = budget,
            ["ballot"] = rule,
            ["minVotesToWin"] = 0,
            ["method"] = "greedy",
            ["projects"] = list,
        };
    }
}
