namespace Voting.Editions;

/// <summary>One pick on a ballot. <see cref="Points"/> is used by cumulative pools only.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.selection")]
public sealed record Selection(string ProjectId, int? Points = null);

/// <summary>One broken ballot rule, as listed in a 422 <c>invalid-ballot</c> answer.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.ballot-error")]
public sealed record BallotError(string? PoolId, string Rule, string Message);
