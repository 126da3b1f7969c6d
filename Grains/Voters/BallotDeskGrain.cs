using Orleans.Concurrency;
using Voting.Grains.Editions;
using Voting.Grains.Storage;
using Voting.Storage;
using Voting.Voters;

namespace Voting.Grains.Voters;

/// <summary>
/// First ballots without a voter activation (<see cref="IBallotDeskGrain"/>). A voter grain's
/// activation life (placement, directory registration, activation, deactivation) cost ~16 µs of
/// CPU per vote, ~8 % of the machine at saturation (BENCHMARKS.md), for a grain that is used once.
/// Here a ballot that passes the same checks as in <see cref="VoterGrain"/> is inserted at once;
/// if the voter already has one, the insert's guard fails, nothing is written, and the caller asks
/// the voter's grain, which reads that ballot and answers (replay, 409, change, invalidation).
/// Any refusal is also left to the voter's grain, so every refused ballot is answered exactly as
/// before, by one place; so is a ballot of a voter whose ballot the desk is writing right now
/// (<see cref="DeskVotersInFlight"/>).
/// </summary>
[StatelessWorker]
[Reentrant] // holds no state: calls only wait for the ledger
internal sealed class BallotDeskGrain(IGrainStorage storage, EditionCache editions, DeskVotersInFlight inFlight, TimeProvider time) : Grain, IBallotDeskGrain
{
    public async Task<CastResult?> TryRecordFirstAsync(string voterKey, CastBallot command)
    {
        var now = time.GetUtcNow();
        var edition = await editions.GetAsync(GrainFactory, command.EditionId);
        if (edition is null || edition.HasVoterRegistry || VotingGate.Check(edition, command, now) is not null)
        {
            return null;
        }
        if (!inFlight.TryEnter(voterKey))
        {
            return null;
        }
        try
        {
            var ballot = BallotUnits.NewBallot(command, BallotCanon.Normalize(edition, command.Selections), now);
            var result = await storage.WriteAsync(BallotUnits.Insert(edition, voterKey, ballot, RowJson.Write(ballot)));
            return result.Outcome == WriteOutcome.Committed ? BallotUnits.Recorded(edition.Id, ballot) : null;
        }
        finally
        {
            inFlight.Leave(voterKey);
        }
    }
}
