using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.TestingHost;
using Voting.Editions;
using Voting.Voters;
using Xunit;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// A silo of two is killed while voters stream in. Calls to its grains fail (or the answer is
/// lost); a failed cast sent again is answered from the ledger, so no voter ends with two ballots,
/// none without the one it was told about, and the tally counts each stored ballot once.
/// </summary>
public sealed class SiloKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Callers = 8;
    private const int RecordedBeforeKill = 200;
    private const int RecordedAfterSettling = 200;

    private TestLedger _ledger = null!;
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await TestLedger.CreateAsync();
        // The product's response timeout (Orleans:ResponseTimeout, 2 s) bounds how long a call to the dead silo waits.
        _cluster = await _ledger.StartClusterAsync(silos: 2, responseTimeout: new Voting.Silo.Hosting.SiloOptions().ResponseTimeout);
    }

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    [Fact]
    public async Task CastBallotAsync_SiloKilledMidStream_ResentCastsAnsweredAndEveryBallotStoredOnce()
    {
        var grains = _cluster.Client;
        var editionId = await ClusterBallots.CreateOpenEditionAsync(grains);
        var attempts = new ConcurrentBag<Attempt>();
        var recorded = 0;
        var settledAt = long.MaxValue;
        var recordedAfterSettling = 0;
        var readyToKill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        async Task CallerAsync(int caller)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var voter = $"c{caller}-v{n}";
                var command = ClusterBallots.Cast(editionId, "p" + (1 + (n % 4)), idempotencyKey: voter);
                var startedAt = Stopwatch.GetTimestamp();
                try
                {
                    var result = await grains.GetGrain<IVoterGrain>(voter).CastBallotAsync(command);
                    attempts.Add(new Attempt(voter, command, result, null));
                    if (result.Outcome != CastOutcome.Recorded)
                    {
                        continue;
                    }
                    if (Interlocked.Increment(ref recorded) == RecordedBeforeKill)
                    {
                        readyToKill.TrySetResult();
                    }
                    if (startedAt > Volatile.Read(ref settledAt) && Interlocked.Increment(ref recordedAfterSettling) == RecordedAfterSettling)
                    {
                        recovered.TrySetResult();
                    }
                }
                catch (Exception e)
                {
                    attempts.Add(new Attempt(voter, command, null, e));
                }
            }
        }

        var callers = Enumerable.Range(0, Callers).Select(c => Task.Run(() => CallerAsync(c))).ToArray();
        await readyToKill.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        await _cluster.KillSiloAsync(_cluster.Silos[1]);
        var killTook = clock.Elapsed;
        // Voters keep streaming while the survivor declares the dead silo dead and takes over its
        // grains (the edition grain too, if it lived there); then it must keep recording.
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        Volatile.Write(ref settledAt, Stopwatch.GetTimestamp());
        var settlingTook = clock.Elapsed;
        await recovered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        var failed = attempts.Where(a => a.Error is not null).ToList();
        var resent = new List<(Attempt Attempt, CastResult Result)>();
        foreach (var attempt in failed)
        {
            resent.Add((attempt, await grains.GetGrain<IVoterGrain>(attempt.Voter).CastBallotAsync(attempt.Command)));
        }

        output.WriteLine($"kill {killTook.TotalMilliseconds:F0} ms, membership settled after {settlingTook.TotalMilliseconds:F0} ms; " +
            $"answers {attempts.Count}, failed {failed.Count} ({string.Join(", ", failed.GroupBy(a => a.Error!.GetType().Name).Select(g => $"{g.Key} {g.Count()}"))}); " +
            $"resent: {string.Join(", ", resent.GroupBy(r => r.Result.Outcome).Select(g => $"{g.Key} {g.Count()}"))}");
        var stored = await _ledger.ReadBallotsAsync(editionId);
        var answered = attempts.Where(a => a.Result is not null).ToList();
        Assert.All(answered, a => Assert.Equal(CastOutcome.Recorded, a.Result!.Outcome));
        Assert.All(answered, a => Assert.Equal(a.Result!.Receipt!.ReceiptId, stored[a.Voter].ReceiptId));
        Assert.All(resent, r => Assert.Contains(r.Result.Outcome, new[] { CastOutcome.Recorded, CastOutcome.Replayed }));
        Assert.All(resent, r => Assert.Equal(r.Result.Receipt!.ReceiptId, stored[r.Attempt.Voter].ReceiptId));
        Assert.Equal(attempts.Count, stored.Count); // every voter called has exactly one ballot now
        var results = await grains.GetGrain<IEditionGrain>(editionId).GetResultsAsync();
        Assert.Equal(stored.Count, results!.Ballots);
        Assert.Equal(stored.Count, results.Pools.Single().Projects.Sum(p => p.Votes));
    }

    private sealed record Attempt(string Voter, CastBallot Command, CastResult? Result, Exception? Error);
}
