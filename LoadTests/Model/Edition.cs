using System.Text.Json.Nodes;

namespace Voting.LoadTests.Model;

/// <summary>The parts of <c>GET /api/v1/editions/{id}</c> the driver needs to build valid ballots.</summary>
public sealed record Edition(string Id, string Phase, int MaxDistrictPools, IReadOnlyList<Pool> Pools)
{
    public static Edition Parse(JsonNode json)
    {
        var pools = json["pools"]?.AsArray().Select(p => Pool.Parse(p!)).ToList() ?? [];
        return new Edition(
            (string?)json["id"] ?? "",
            (string?)json["phase"] ?? "",
            (int?)json["maxDistrictPools"] ?? 1,
            pools);
    }
}

public sealed record Pool(string Id, string Kind, long Budget, BallotRule Ballot, IReadOnlyList<Project> Projects)
{
    public bool IsDistrict => string.Equals(Kind, "district", StringComparison.OrdinalIgnoreCase);

    public static Pool Parse(JsonNode json)
    {
        return new Pool(
            (string?)json["id"] ?? "",
            (string?)json["kind"] ?? "city",
            (long?)json["budget"] ?? 0,
            BallotRule.Parse(json["ballot"]),
            json["projects"]?.AsArray().Select(p => new Project((string?)p!["id"] ?? "", (long?)p["cost"] ?? 0)).ToList() ?? []);
    }
}

public sealed record Project(string Id, long Cost);

public sealed record BallotRule(
    string Type,
    int MinSelections,
    int? MaxSelections,
    long? MaxTotalCost,
    IReadOnlyList<int> Points,
    int MinPoints,
    int? MaxPoints,
    int? MaxPointsPerProject,
    double? MinSpendPercent)
{
    public static BallotRule Parse(JsonNode? json)
    {
        if (json is null)
        {
            return new BallotRule("approval", 1, null, null, [], 0, null, null, null);
        }

        return new BallotRule(
            (string?)json["type"] ?? "approval",
            (int?)json["minSelections"] ?? 0,
            (int?)json["maxSelections"],
            (long?)json["maxTotalCost"],
            json["points"]?.AsArray().Select(p => (int)p!).ToList() ?? [],
            (int?)json["minPoints"] ?? 0,
            (int?)json["maxPoints"],
            (int?)json["maxPointsPerProject"],
            (double?)json["minSpendPercent"]);
    }
}

/// <summary>One pick: the project and, for cumulative pools only, its points.</summary>
public sealed record Selection(string ProjectId, int? Points);

/// <summary>A ballot as sent; <see cref="District"/> is the declared home district when a district pool is picked.</summary>
public sealed record Ballot(IReadOnlyList<Selection> Selections, string? District);
