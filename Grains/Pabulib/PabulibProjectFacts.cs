namespace Voting.Grains.Pabulib;

/// <summary>What a pabulib PROJECTS row states about a project's result; null where the column is absent.</summary>
public sealed record PabulibProjectFacts(string PoolId, string ProjectId, long? Votes, long? Score, bool? Selected);
