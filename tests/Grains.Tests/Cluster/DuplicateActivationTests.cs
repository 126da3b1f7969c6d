using Orleans.TestingHost;
using Voting.Editions;
using Voting.Voters;
using Xunit;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// Orleans runs two activations of one grain only briefly during membership changes. Two
/// independent clusters over the same ledger file make that window permanent: each has its own
/// activation of every voter, its own edition cache and its own group commit, and only the
/// ballots' primary key stands between them.
/// </summary>
public sealed class DuplicateActivationTests : IAsyncLifetime
{
    private const int Rounds = 3;
    private const int VotersPerRound = 50;

    private TestLedger _ledger = null!;
    private InProcessTestCluster _east = null!;
    private InProcessTestCluster _west = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await TestLedger.CreateAsync();
        _east = await _ledger.StartClusterAsync();
        _west = await _ledger.StartClusterAsync();
    }

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    [Fact]
    public async Task CastBallotAsync_TwoActivationsOfEachVoterRacing_OneBallotPerVoter()
    {
        Assert.NotEqual(_east.Options.ClusterId, _west.Options.ClusterId);
        var editionId = await ClusterBallots.CreateOpenEditionAsync(_east.Client);
        var races = new List<Race>();

        for (var round = 0; round < Rounds; round++)
        {
            // Both clusters' casts of all voters of a round are in flight at once.
            var roundRaces = Enumerable.Range(0, VotersPerRound).Select(i => new Race($"r{round}-v{i}", SameBallot: i % 2 == 0)).ToList();
            await Task.WhenAll(roundRaces.Select(race => race.RunAsync(_east.Client, _west.Client, editionId)));
            races.AddRange(roundRaces);
        }

        var stored = await _ledger.ReadBallotsAsync(editionId);
        Assert.Equal(races.Count, stored.Count);
        foreach (var race in races)
        {
            var answers = new[] { race.East!, race.West! };
            var recorded = Assert.Single(answers, a => a.Outcome == CastOutcome.Recorded);
            var loser = answers.Single(a => !ReferenceEquals(a, recorded));
            Assert.Equal(recorded.Receipt!.ReceiptId, stored[race.Voter].ReceiptId);
            if (race.SameBallot)
            {
                Assert.Equal(CastOutcome.Replayed, loser.Outcome);
                Assert.Equal(recorded.Receipt, loser.Receipt);
            }
            else
            {
                Assert.Equal(CastOutcome.AlreadyVoted, loser.Outcome);
            }
        }
        // Each cluster added into its own counter slot; the sum counts every voter once.
        var results = await _west.Client.GetGrain<IEditionGrain>(editionId).GetResultsAsync();
        Assert.Equal(races.Count, results!.Ballots);
        var votes = results.Pools.Single().Projects.Sum(p => p.Votes);
        Assert.Equal(races.Count, votes);
        Assert.Equal(races.Count, (await _east.Client.GetGrain<IEditionGrain>(editionId).GetCountedBallotsAsync()).Count);
    }

    /// <summary>One voter cast from both clusters at once: the same ballot, or two different ones.</summary>
    private sealed record Race(string Voter, bool SameBallot)
    {
        public CastResult? East { get; private set; }

        public CastResult? West { get; private set; }

        public async Task RunAsync(IGrainFactory east, IGrainFactory west, string editionId)
        {
            var eastCast = east.GetGrain<IVoterGrain>(Voter).CastBallotAsync(ClusterBallots.Cast(editionId, "p1"));
            var westCast = west.GetGrain<IVoterGrain>(Voter).CastBallotAsync(ClusterBallots.Cast(editionId, SameBallot ? "p1" : "p2"));
            East = await eastCast;
            West = await westCast;
        }
    }
}
