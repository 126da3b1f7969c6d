namespace Voting.Results;

/// <summary>The results of an edition (API.md <c>GET /editions/{id}/results</c>).</summary>
public sealed record EditionResults(string EditionId, string Status, long Ballots, IReadOnlyList<PoolResult> Pools);

public sealed record PoolResult(string PoolId, long Budget, string Method, long Spent, IReadOnlyList<ProjectResult> Projects);

/// <summary>A project in rank order; <see cref="Selected"/> marks a winner.</summary>
public sealed record ProjectResult(string ProjectId, long Cost, long Votes, long Score, bool Selected);

/// <summary>The tally of one project: ballots that picked it and total points.</summary>
public sealed record ProjectTally(string ProjectId, long Cost, long Votes, long Score);

public static class ResultsStatus
{
    public const string Provisional = "provisional";
    public const string Final = "final";
}
