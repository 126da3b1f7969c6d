namespace Voting.Gateway.Admin;

/// <summary>Body of <c>POST /admin/initiatives</c>. Without a threshold, the statutory one follows from <see cref="Population"/>.</summary>
public sealed record CreateInitiativeRequest(string Id, string Title, DateTimeOffset CollectFrom, DateTimeOffset CollectUntil, int? Threshold = null, long? Population = null);
