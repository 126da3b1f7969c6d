namespace Voting.Voters;

/// <summary>
/// Records a voter's first ballot in an edition without activating the voter's grain: most voters
/// vote once, and the ballot's primary key, not a grain, decides that it is the first. Anything
/// else (a refusal, an edition with a voter registry, a ballot already recorded) is left to
/// <see cref="IVoterGrain"/>, which gives the clean answers. A stateless worker: an activation
/// per silo core, wherever the call arrives, holding nothing per voter.
/// </summary>
[Alias("voting.ballot-desk")]
public interface IBallotDeskGrain : IGrainWithIntegerKey
{
    /// <summary>The Recorded result, or null when the ballot must go to the voter's grain (nothing was written).</summary>
    [Alias("try-record-first")]
    Task<CastResult?> TryRecordFirstAsync(string voterKey, CastBallot command);
}
