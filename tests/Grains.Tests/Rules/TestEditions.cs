using Voting.Editions;

namespace Voting.Grains.Tests.Rules;

/// <summary>Small builders for editions and pools used by the rule tests.</summary>
internal static class TestEditions
{
    public static Pool Pool(string id, BallotSpec ballot, (string Id, long Cost)[] projects, long budget = 1000,
        string kind = PoolKind.City, string? district = null, long minVotesToWin = 0, string method = AllocationMethod.Greedy) =>
        new()
        {
            Id = id,
            Name = district ?? id,
            Kind = kind,
            District = district,
            Budget = budget,
            Ballot = ballot,
            MinVotesToWin = minVotesToWin,
            Method = method,
            Projects = [.. projects.Select(p => new Project { Id = p.Id, Cost = p.Cost })],
        };

    public static Edition Edition(params Pool[] pools) => Edition(1, false, pools);

    public static Edition Edition(int maxDistrictPools, bool tied, params Pool[] pools) =>
        new()
        {
            Id = "test",
            Name = "Test",
            VotingOpensAt = new DateTimeOffset(2026, 9, 19, 0, 0, 0, TimeSpan.FromHours(2)),
            VotingClosesAt = new DateTimeOffset(2026, 10, 3, 23, 59, 59, TimeSpan.FromHours(2)),
            MaxDistrictPools = maxDistrictPools,
            DistrictTiedToResidence = tied,
            Pools = pools,
        };

    public static BallotSpec Approval(int? min = null, int? max = null, long? maxTotalCost = null) =>
        new() { Type = BallotType.Approval, MinSelections = min, MaxSelections = max, MaxTotalCost = maxTotalCost };

    public static BallotSpec Ordinal(int min, int max, params int[] points) =>
        new() { Type = BallotType.Ordinal, MinSelections = min, MaxSelections = max, Points = points };

    public static BallotSpec Cumulative(int? minPoints = null, int? maxPoints = null, int? perProject = null) =>
        new() { Type = BallotType.Cumulative, MinPoints = minPoints, MaxPoints = maxPoints, MaxPointsPerProject = perProject };

    public static BallotSpec Knapsack(int? minSpendPercent = null) =>
        new() { Type = BallotType.Knapsack, MinSpendPercent = minSpendPercent };

    public static Selection[] Picks(params string[] ids) => [.. ids.Select(id => new Selection(id))];
}
