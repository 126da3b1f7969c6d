using Voting.Editions;
using Voting.Voters;
using Xunit;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// The ballot desk records first ballots without the voter's grain and leaves everything else to
/// it, writing nothing: the primary key, not the desk, knows whether a ballot is the first.
/// </summary>
public sealed class BallotDeskClusterTests(SingleSiloLedgerFixture fixture) : IClassFixture<SingleSiloLedgerFixture>
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    private IBallotDeskGrain Desk => Grains.GetGrain<IBallotDeskGrain>(0);

    [Fact]
    public async Task A_first_ballot_is_recorded_and_counted_and_a_second_is_left_to_the_voter()
    {
        var editionId = await ClusterBallots.CreateOpenEditionAsync(Grains);

        var first = await Desk.TryRecordFirstAsync("desk-voter-a", ClusterBallots.Cast(editionId, "p2"));
        var again = await Desk.TryRecordFirstAsync("desk-voter-a", ClusterBallots.Cast(editionId, "p2"));
        var other = await Desk.TryRecordFirstAsync("desk-voter-a", ClusterBallots.Cast(editionId, "p3"));

        Assert.Equal(CastOutcome.Recorded, first?.Outcome);
        Assert.Null(again);
        Assert.Null(other);
        Assert.Equal(first!.Receipt!.ReceiptId, (await fixture.Ledger.ReadBallotAsync(editionId, "desk-voter-a"))?.ReceiptId);
        var results = await Grains.GetGrain<IEditionGrain>(editionId).GetResultsAsync();
        Assert.Equal(1, results!.Ballots);
        Assert.Equal(1, results.Pools.Single().Projects.Single(p => p.ProjectId == "p2").Votes);
        Assert.Equal(0, results.Pools.Single().Projects.Single(p => p.ProjectId == "p3").Votes);

        // The voter's grain then answers the resend: the same ballot replays the desk's receipt.
        var replay = await Grains.GetGrain<IVoterGrain>("desk-voter-a").CastBallotAsync(ClusterBallots.Cast(editionId, "p2"));
        Assert.Equal(CastOutcome.Replayed, replay.Outcome);
        Assert.Equal(first.Receipt, replay.Receipt);
    }

    [Fact]
    public async Task Refusals_are_left_to_the_voter_and_write_nothing()
    {
        var editionId = await ClusterBallots.CreateOpenEditionAsync(Grains);

        var tooMany = await Desk.TryRecordFirstAsync("desk-voter-b", new CastBallot(editionId, [new("p1"), new("p2"), new("p3")], ClusterBallots.AdultBirthDate, null, null));
        var unknownEdition = await Desk.TryRecordFirstAsync("desk-voter-b", ClusterBallots.Cast(ClusterBallots.NewEditionId(), "p1"));
        await Grains.GetGrain<IEditionGrain>(editionId).SetPhaseAsync(EditionPhase.Closed, "test");
        var closed = await Desk.TryRecordFirstAsync("desk-voter-b", ClusterBallots.Cast(editionId, "p1"));

        Assert.Null(tooMany);
        Assert.Null(unknownEdition);
        Assert.Null(closed);
        Assert.Null(await fixture.Ledger.ReadBallotAsync(editionId, "desk-voter-b"));
    }
}
