using Voting.Editions;
using Voting.Grains.Tests.Rules;
using Voting.Voters;

namespace Voting.Grains.Tests.Cluster;

/// <summary>Editions open for voting now and the ballots cast in them by the cluster tests.</summary>
internal static class ClusterBallots
{
    public static readonly DateOnly AdultBirthDate = new(1990, 5, 17);

    /// <summary>A fresh edition id: each test owns its edition.</summary>
    public static string NewEditionId() => "e-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Phase voting, a window around now, one approval pool of projects p1..p4 (at most 2 picks).</summary>
    public static Edition OpenEdition(string id) => TestEditions.Edition(
        TestEditions.Pool("city", TestEditions.Approval(min: 1, max: 2), [("p1", 100), ("p2", 200), ("p3", 300), ("p4", 400)])) with
    {
        Id = id,
        Phase = EditionPhase.Voting,
        VotingOpensAt = DateTimeOffset.UtcNow.AddDays(-1),
        VotingClosesAt = DateTimeOffset.UtcNow.AddDays(1),
    };

    public static CastBallot Cast(string editionId, string project, string? idempotencyKey = null, string channel = BallotChannel.Online) =>
        new(editionId, TestEditions.Picks(project), AdultBirthDate, null, idempotencyKey, channel);

    public static async Task<string> CreateOpenEditionAsync(IGrainFactory grains)
    {
        var id = NewEditionId();
        if (!await grains.GetGrain<IEditionGrain>(id).CreateAsync(OpenEdition(id)))
        {
            throw new InvalidOperationException($"Edition '{id}' exists already.");
        }
        return id;
    }
}
