namespace Voting.Results;

/// <summary>The results of an edition (API.md <c>GET /editions/{id}/results</c>).</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.edition-results")]
public sealed record EditionResults(string EditionId, string Status, long Ballots, IReadOnlyList<PoolResult> Pools);

[GenerateSerializer]
[Immutable]
[Alias("voting.pool-result")]
public sealed record PoolResult(string PoolId, long Budget, string Method, long Spent, IReadOnlyList<ProjectResult> Projects);

/// <summary>A project in rank order; <see cref="Selected"/> marks a winner.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.project-result")]
public sealed record ProjectResult(string ProjectId, long Cost, long Votes, long Score, bool Selected);

/// <summary>The tally of one project: ballots that picked it and total points.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.project-tally")]
public sealed record ProjectTally(string ProjectId, long Cost, long Votes, long Score);

public static class ResultsStatus
{
    public const string Provisional = "provisional";
    public const string Final = "final";
}
