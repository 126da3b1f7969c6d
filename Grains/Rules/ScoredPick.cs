namespace Voting.Grains.Rules;

/// <summary>One pick of a valid ballot with the points it scores (1 vote each; score = sum of points).</summary>
public sealed record ScoredPick(string PoolId, string ProjectId, long Points);
