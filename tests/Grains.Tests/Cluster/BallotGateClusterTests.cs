using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.TestingHost;
using Voting.Editions;
using Voting.Results;
using Voting.Voters;
using Xunit;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// Ballots stream in while the edition goes closed, then final. Voter grains decide with an edition
/// cached for up to a second; the ballot gate row, checked in the ballot's own transaction, is what
/// keeps a late ballot out. Online ballots stop at closed, paper ballots (entered by clerks) at final.
/// </summary>
public sealed class BallotGateClusterTests : IAsyncLifetime
{
    private const int Callers = 24;
    private const int RecordedBeforeClose = 300;
    private const int AnswersPerCallerAfterClose = 10;

    private TestLedger _ledger = null!;
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await TestLedger.CreateAsync();
        _cluster = await _ledger.StartClusterAsync();
    }

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    [Fact]
    public async Task SetPhaseAsync_ClosedThenFinalWhileBallotsStream_NoLateBallotAndEveryRecordedOneCounted()
    {
        var grains = _cluster.Client;
        var editionId = await ClusterBallots.CreateOpenEditionAsync(grains);
        var edition = grains.GetGrain<IEditionGrain>(editionId);
        var answers = new ConcurrentBag<Answer>();
        var recorded = 0;
        var enoughRecorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closedReturnedAt = long.MaxValue;
        var finalReturnedAt = long.MaxValue;
        var callersPastClose = 0;
        var allPastClose = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task CallerAsync(int caller)
        {
            var channel = caller % 2 == 0 ? BallotChannel.Online : BallotChannel.Paper;
            var afterClose = 0;
            for (var n = 0; ; n++)
            {
                var startedAt = Stopwatch.GetTimestamp();
                var result = await grains.GetGrain<IVoterGrain>($"c{caller}-v{n}").CastBallotAsync(ClusterBallots.Cast(editionId, "p" + (1 + (n % 4)), channel: channel));
                answers.Add(new Answer(channel, startedAt, result));
                if (result.Outcome == CastOutcome.Recorded && Interlocked.Increment(ref recorded) == RecordedBeforeClose)
                {
                    enoughRecorded.TrySetResult();
                }
                if (startedAt > Volatile.Read(ref closedReturnedAt) && ++afterClose == AnswersPerCallerAfterClose
                    && Interlocked.Increment(ref callersPastClose) == Callers)
                {
                    allPastClose.TrySetResult();
                }
                if (startedAt > Volatile.Read(ref finalReturnedAt))
                {
                    return; // one answer to a cast started after final, then stop
                }
            }
        }

        var callers = Enumerable.Range(0, Callers).Select(c => Task.Run(() => CallerAsync(c))).ToArray();
        await enoughRecorded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var closed = await edition.SetPhaseAsync(EditionPhase.Closed, "test");
        Volatile.Write(ref closedReturnedAt, Stopwatch.GetTimestamp());
        await allPastClose.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var final = await edition.SetPhaseAsync(EditionPhase.Final, "test");
        Volatile.Write(ref finalReturnedAt, Stopwatch.GetTimestamp());
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(PhaseChangeOutcome.Changed, closed.Outcome);
        Assert.Equal(PhaseChangeOutcome.Changed, final.Outcome);
        Assert.All(answers, a => Assert.Contains(a.Result.Outcome, new[] { CastOutcome.Recorded, CastOutcome.VotingNotOpen }));
        // Nothing cast online after the close returned, nor on paper after final returned, is recorded.
        Assert.DoesNotContain(answers, a => a.Result.Outcome == CastOutcome.Recorded && a.Channel == BallotChannel.Online && a.StartedAt > closedReturnedAt);
        Assert.DoesNotContain(answers, a => a.Result.Outcome == CastOutcome.Recorded && a.StartedAt > finalReturnedAt);
        // Paper kept being recorded between closed and final: the test saw both gates at work.
        Assert.Contains(answers, a => a.Result.Outcome == CastOutcome.Recorded && a.Channel == BallotChannel.Paper && a.StartedAt > closedReturnedAt);
        Assert.Contains(answers, a => a.Result.Outcome == CastOutcome.VotingNotOpen && a.Channel == BallotChannel.Online);

        var recordedAnswers = answers.Count(a => a.Result.Outcome == CastOutcome.Recorded);
        var results = await edition.GetResultsAsync();
        Assert.Equal(ResultsStatus.Final, results!.Status);
        Assert.Equal(recordedAnswers, results.Ballots);
        Assert.Equal(recordedAnswers, (await edition.GetCountedBallotsAsync()).Count);
        Assert.Equal(recordedAnswers, (await _ledger.ReadBallotsAsync(editionId)).Count);
    }

    private sealed record Answer(string Channel, long StartedAt, CastResult Result);
}
