namespace Voting.Editions;

/// <summary>One pick on a ballot. <see cref="Points"/> is used by cumulative pools only.</summary>
public sealed record Selection(string ProjectId, int? Points = null);

/// <summary>One broken ballot rule, as listed in a 422 <c>invalid-ballot</c> answer.</summary>
public sealed record BallotError(string? PoolId, string Rule, string Message);
