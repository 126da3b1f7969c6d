using Voting.Runtime.Grains;

namespace Voting.Voters;

/// <summary>
/// The ballots and signatures of one person. Key: the voter key (HMAC of the PESEL), never the
/// PESEL. Enforces one ballot per edition and one signature per initiative, and answers
/// replays with the original receipt.
/// A voter usually calls once; its activation leaves memory after 30 idle seconds.
/// </summary>
[GrainType("voter", IdleSeconds = 30)]
public interface IVoterGrain : IGrain
{
    /// <summary>Records a ballot (online or paper) if the voter may cast it.</summary>
    Task<CastResult> CastBallotAsync(CastBallot command);

    /// <summary>Records a signature under an initiative.</summary>
    Task<SignResult> SignAsync(SignInitiative command);
}
