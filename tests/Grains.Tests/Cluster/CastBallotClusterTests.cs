using Voting.Editions;
using Voting.Voters;
using Xunit;

namespace Voting.Grains.Tests.Cluster;

/// <summary>One silo over a real SQLite ledger, shared by the tests of this class.</summary>
public sealed class SingleSiloLedgerFixture : IAsyncLifetime
{
    internal TestLedger Ledger { get; private set; } = null!;

    internal Orleans.TestingHost.InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Ledger = await TestLedger.CreateAsync();
        Cluster = await Ledger.StartClusterAsync();
    }

    public ValueTask DisposeAsync() => Ledger.DisposeAsync();
}

/// <summary>Casting through the grains of a real silo: recorded once, replayed with its receipt, counted.</summary>
public sealed class CastBallotClusterTests(SingleSiloLedgerFixture fixture) : IClassFixture<SingleSiloLedgerFixture>
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task CastBallotAsync_NewVoter_RecordedStoredAndCounted()
    {
        var editionId = await ClusterBallots.CreateOpenEditionAsync(Grains);

        var result = await Grains.GetGrain<IVoterGrain>("voter-a").CastBallotAsync(ClusterBallots.Cast(editionId, "p2"));

        Assert.Equal(CastOutcome.Recorded, result.Outcome);
        var stored = await fixture.Ledger.ReadBallotAsync(editionId, "voter-a");
        Assert.Equal(result.Receipt!.ReceiptId, stored?.ReceiptId);
        var results = await Grains.GetGrain<IEditionGrain>(editionId).GetResultsAsync();
        Assert.Equal(1, results!.Ballots);
        Assert.Equal(1, results.Pools.Single().Projects.Single(p => p.ProjectId == "p2").Votes);
        Assert.Single(await Grains.GetGrain<IEditionGrain>(editionId).GetCountedBallotsAsync());
    }

    [Fact]
    public async Task CastBallotAsync_Replay_ReplayedWithTheSameReceipt()
    {
        var editionId = await ClusterBallots.CreateOpenEditionAsync(Grains);
        var voter = Grains.GetGrain<IVoterGrain>("voter-b");
        var first = await voter.CastBallotAsync(ClusterBallots.Cast(editionId, "p1", idempotencyKey: "k-1"));

        var replay = await voter.CastBallotAsync(ClusterBallots.Cast(editionId, "p1", idempotencyKey: "k-1"));
        // A new activation knows nothing in memory: the ledger answers.
        await fixture.Cluster.DeactivateAsync(voter);
        var replayAfterReactivation = await voter.CastBallotAsync(ClusterBallots.Cast(editionId, "p1"));

        Assert.Equal(CastOutcome.Recorded, first.Outcome);
        Assert.Equal(CastOutcome.Replayed, replay.Outcome);
        Assert.Equal(first.Receipt, replay.Receipt);
        Assert.Equal(CastOutcome.Replayed, replayAfterReactivation.Outcome);
        Assert.Equal(first.Receipt, replayAfterReactivation.Receipt);
        var results = await Grains.GetGrain<IEditionGrain>(editionId).GetResultsAsync();
        Assert.Equal(1, results!.Ballots);
    }

    [Fact]
    public async Task CastBallotAsync_DifferentSecondBallot_AlreadyVotedAndFirstKept()
    {
        var editionId = await ClusterBallots.CreateOpenEditionAsync(Grains);
        var voter = Grains.GetGrain<IVoterGrain>("voter-c");
        var first = await voter.CastBallotAsync(ClusterBallots.Cast(editionId, "p3"));

        var second = await voter.CastBallotAsync(ClusterBallots.Cast(editionId, "p4"));

        Assert.Equal(CastOutcome.AlreadyVoted, second.Outcome);
        Assert.Equal(first.Receipt!.ReceiptId, (await fixture.Ledger.ReadBallotAsync(editionId, "voter-c"))?.ReceiptId);
        var results = await Grains.GetGrain<IEditionGrain>(editionId).GetResultsAsync();
        Assert.Equal(1, results!.Ballots);
        Assert.Equal(0, results.Pools.Single().Projects.Single(p => p.ProjectId == "p4").Votes);
    }
}
