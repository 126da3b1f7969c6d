namespace Voting.Voters;

/// <summary>
/// The ballots and signatures of one person. Key: the voter key (HMAC of the PESEL), never the
/// PESEL. Enforces one ballot per edition and one signature per initiative, and answers
/// replays with the original receipt. A voter usually calls once, so its activation is
/// deactivated as soon as a call that wrote is answered.
/// </summary>
[Alias("voting.voter-grain")]
public interface IVoterGrain : IGrainWithStringKey
{
    /// <summary>Records a ballot (online or paper) if the voter may cast it.</summary>
    [Alias("cast-ballot")]
    Task<CastResult> CastBallotAsync(CastBallot command);

    /// <summary>Records a signature under an initiative.</summary>
    [Alias("sign")]
    Task<SignResult> SignAsync(SignInitiative command);
}
