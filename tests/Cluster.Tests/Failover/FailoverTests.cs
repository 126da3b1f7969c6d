using System.Diagnostics;
using Voting.Cluster.Tests.Infrastructure;
using static Voting.Cluster.Tests.Infrastructure.FailoverMeasures;

namespace Voting.Cluster.Tests.Failover;

/// <summary>
/// Three silos and a gateway as real processes over a real PostgreSQL, under a stream of
/// ballots, while silos die, pause or restart, or PostgreSQL restarts. Run one at a time: they
/// measure time on a small machine.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class FailoverTests(PostgresServer server)
{
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Killed_silo_loses_no_acknowledged_ballot_and_voters_get_201_again_within_seconds()
    {
        await using var cluster = await LocalCluster.StartAsync(server, 3);
        var edition = "kill-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateEditionAsync(edition);
        var stream = BallotStream.Start(cluster, edition, firstVoter: 0);
        await Task.Delay(Load, TestContext.Current.CancellationToken);

        var killedAt = stream.Clock.Elapsed;
        cluster.Silo(2).Signal("KILL");
        await Task.Delay(Load * 3, TestContext.Current.CancellationToken);
        await stream.StopAsync();

        var disruption = DisruptionAfter(stream, killedAt);
        var report = await ExactlyOnce.VerifyAsync(cluster, edition, stream);
        Report($"kill -9 of silo-2 of 3: every ballot sent after the kill got 201 within {disruption.TotalSeconds:F2}s of it (target 5 s). {report}");
        Assert.True(disruption < TimeSpan.FromSeconds(8), $"ballots failed or stalled until {disruption} after the kill");
    }

    [Fact]
    public async Task Paused_silo_is_declared_dead_its_voters_are_served_elsewhere_and_it_exits_when_resumed()
    {
        await using var cluster = await LocalCluster.StartAsync(server, 3);
        var edition = "pause-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateEditionAsync(edition);
        var stream = BallotStream.Start(cluster, edition, firstVoter: 200_000);
        await Task.Delay(Load, TestContext.Current.CancellationToken);

        var pausedAt = stream.Clock.Elapsed;
        cluster.Silo(2).Signal("STOP");
        var declaredDead = await WaitForAsync(async () => await cluster.ActiveSilosAsync() == 2, TimeSpan.FromSeconds(30));
        var detection = stream.Clock.Elapsed - pausedAt;
        await Task.Delay(Load, TestContext.Current.CancellationToken);
        var resumedAt = stream.Clock.Elapsed;
        cluster.Silo(2).Signal("CONT");
        var exited = await cluster.Silo(2).WaitForExitAsync(TimeSpan.FromSeconds(30));
        cluster.StartSilo(2);
        await cluster.WaitUntilActiveAsync(3, TimeSpan.FromSeconds(60));
        await Task.Delay(Load, TestContext.Current.CancellationToken);
        await stream.StopAsync();

        var disruption = DisruptionAfter(stream, pausedAt, resumedAt);
        var rejoin = DisruptionAfter(stream, resumedAt);
        var report = await ExactlyOnce.VerifyAsync(cluster, edition, stream);
        Report($"SIGSTOP of silo-2 of 3: declared dead after {detection.TotalSeconds:F2}s; every ballot sent while it was paused got 201 within {disruption.TotalSeconds:F2}s of the pause (target 10 s); " +
            $"after SIGCONT it exited ({exited}) and a fresh one joined (ballots sent from SIGCONT on: all 201 within {rejoin.TotalSeconds:F2}s of it). {report}");
        Assert.True(declaredDead);
        Assert.True(exited, "a silo declared dead must stop when it resumes");
        Assert.True(disruption < TimeSpan.FromSeconds(15), $"ballots failed or stalled until {disruption} after the pause");
    }

    [Fact]
    public async Task Rolling_restart_of_all_silos_loses_no_acknowledged_ballot()
    {
        await using var cluster = await LocalCluster.StartAsync(server, 3);
        var edition = "roll-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateEditionAsync(edition);
        var stream = BallotStream.Start(cluster, edition, firstVoter: 400_000);
        await Task.Delay(Load, TestContext.Current.CancellationToken);

        var watch = Stopwatch.StartNew();
        for (var k = 1; k <= 3; k++)
        {
            await cluster.RestartSiloGracefullyAsync(k);
            await cluster.WaitUntilActiveAsync(3, TimeSpan.FromSeconds(60));
        }
        var rolled = watch.Elapsed;
        await Task.Delay(Load, TestContext.Current.CancellationToken);
        await stream.StopAsync();

        var report = await ExactlyOnce.VerifyAsync(cluster, edition, stream);
        Report($"rolling restart of 3 silos in {rolled.TotalSeconds:F1}s: {report}");
        Assert.True(stream.Count(201) > 0);
    }

    [Fact]
    public async Task PostgreSQL_restart_gives_503s_then_service_resumes_without_restarting_silos()
    {
        await using var database = new PostgresServer();
        await database.InitializeAsync();
        await using var cluster = await LocalCluster.StartAsync(database, 3);
        var edition = "pg-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateEditionAsync(edition);
        var pids = Enumerable.Range(1, 3).Select(k => cluster.Silo(k).Id).ToArray();
        var stream = BallotStream.Start(cluster, edition, firstVoter: 600_000);
        await Task.Delay(Load, TestContext.Current.CancellationToken);

        var stoppedAt = stream.Clock.Elapsed;
        await database.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        await database.StartAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        var startedAt = stream.Clock.Elapsed;
        var resumed = await WaitForAsync(() => stream.Results.Any(s => s.Status == 201 && s.SentAt > startedAt), TimeSpan.FromSeconds(30));
        var resumedAfter = stream.Results.Where(s => s.Status == 201 && s.SentAt > startedAt).Select(s => s.AnsweredAt - startedAt).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        await Task.Delay(Load, TestContext.Current.CancellationToken);
        await stream.StopAsync();

        var during = stream.Results.Where(s => s.SentAt > stoppedAt && s.SentAt < startedAt).ToList();
        var report = await ExactlyOnce.VerifyAsync(cluster, edition, stream);
        Report($"PostgreSQL down {(startedAt - stoppedAt).TotalSeconds:F1}s: requests sent meanwhile {during.Count} " +
            $"(503={during.Count(s => s.Status == 503)}, 201={during.Count(s => s.Status == 201)}, 200={during.Count(s => s.Status == 200)}); first 201 {resumedAfter.TotalSeconds:F2}s after the restart. {report}");
        Assert.True(resumed);
        Assert.True(resumedAfter < TimeSpan.FromSeconds(5), $"first 201 only {resumedAfter} after PostgreSQL was back (target 2 s)");
        Assert.Contains(during, s => s.Status == 503);
        Assert.All(Enumerable.Range(1, 3), k => Assert.False(cluster.Silo(k).HasExited));
        Assert.Equal(pids, Enumerable.Range(1, 3).Select(k => cluster.Silo(k).Id).ToArray());
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverCollection
{
    public const string Name = "failover";
}
