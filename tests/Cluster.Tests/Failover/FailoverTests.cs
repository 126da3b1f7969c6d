using System.Diagnostics;
using Voting.Cluster.Tests.Infrastructure;

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
    public async Task Killed_silo_loses_no_acknowledged_ballot_and_its_shards_are_served_again_within_the_lease_ttl()
    {
        await using var cluster = await LocalCluster.StartAsync(server, 3);
        var edition = "kill-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateEditionAsync(edition);
        var stream = BallotStream.Start(cluster, edition, firstVoter: 0);
        await Task.Delay(Load, TestContext.Current.CancellationToken);

        var shards = (await cluster.OwnersAsync())[cluster.SiloId(2)];
        var killedAt = stream.Clock.Elapsed;
        cluster.Silo(2).Signal("KILL");
        var takenOver = await WaitUntilOwnedElsewhereAsync(cluster, shards, cluster.SiloId(2), TimeSpan.FromSeconds(30));
        var takeover = stream.Clock.Elapsed - killedAt;
        await Task.Delay(Load, TestContext.Current.CancellationToken);
        await stream.StopAsync();

        var servedAgain = stream.Results
            .Where(s => s.Status == 201 && s.SentAt > killedAt && shards.Contains(cluster.ShardOfPesel(s.Pesel)))
            .Select(s => s.AnsweredAt - killedAt).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        var report = await ExactlyOnce.VerifyAsync(cluster, edition, stream);
        Report($"kill -9 of silo-2 ({shards.Count} shards): leases taken over after {takeover.TotalSeconds:F2}s, first 201 in those shards {servedAgain.TotalSeconds:F2}s after the kill (TTL {LocalCluster.LeaseTtl.TotalSeconds}s). {report}");
        Assert.True(takenOver);
        Assert.True(servedAgain < LocalCluster.LeaseTtl + TimeSpan.FromSeconds(5), $"served again only after {servedAgain}");
    }

    [Fact]
    public async Task Paused_silo_past_its_lease_cannot_write_after_it_resumes()
    {
        await using var cluster = await LocalCluster.StartAsync(server, 3);
        var edition = "pause-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateEditionAsync(edition);
        var stream = BallotStream.Start(cluster, edition, firstVoter: 200_000);
        await Task.Delay(Load, TestContext.Current.CancellationToken);

        var shards = (await cluster.OwnersAsync())[cluster.SiloId(2)];
        var pausedAt = stream.Clock.Elapsed;
        cluster.Silo(2).Signal("STOP");
        Assert.True(await WaitUntilOwnedElsewhereAsync(cluster, shards, cluster.SiloId(2), TimeSpan.FromSeconds(30)));
        var takeover = stream.Clock.Elapsed - pausedAt;
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        cluster.Silo(2).Signal("CONT");
        await cluster.WaitUntilBalancedAsync(3, TimeSpan.FromSeconds(30));
        await Task.Delay(Load, TestContext.Current.CancellationToken);
        await stream.StopAsync();

        var log = cluster.Silo(2).Log();
        var report = await ExactlyOnce.VerifyAsync(cluster, edition, stream);
        var fenced = log.Split('\n').Count(l => l.Contains("refused by the lease fence", StringComparison.Ordinal));
        Report($"SIGSTOP of silo-2 ({shards.Count} shards): taken over after {takeover.TotalSeconds:F2}s; after SIGCONT it stopped serving by its own clock " +
            $"({log.Contains("stopped serving", StringComparison.Ordinal)}), {fenced} resumed calls refused by the fence, rejoined. {report}");
        Assert.Contains("stopped serving", log, StringComparison.Ordinal);
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
            await cluster.WaitUntilBalancedAsync(3, TimeSpan.FromSeconds(60));
        }
        var rolled = watch.Elapsed;
        await Task.Delay(Load, TestContext.Current.CancellationToken);
        await stream.StopAsync();

        var report = await ExactlyOnce.VerifyAsync(cluster, edition, stream);
        Report($"rolling restart of 3 silos in {rolled.TotalSeconds:F1}s: {report}");
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
        Assert.Contains(during, s => s.Status == 503);
        Assert.All(Enumerable.Range(1, 3), k => Assert.False(cluster.Silo(k).HasExited));
        Assert.Equal(pids, Enumerable.Range(1, 3).Select(k => cluster.Silo(k).Id).ToArray());
    }

    private static async Task<bool> WaitUntilOwnedElsewhereAsync(LocalCluster cluster, HashSet<int> shards, string formerOwner, TimeSpan timeout) =>
        await WaitForAsync(async () =>
        {
            var owners = await cluster.OwnersAsync();
            return shards.All(shard => owners.Any(o => o.Key != formerOwner && o.Value.Contains(shard)));
        }, timeout);

    private static Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout) => WaitForAsync(() => Task.FromResult(condition()), timeout);

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }

    private static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "voting-cluster-report.txt"), line + Environment.NewLine);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverCollection
{
    public const string Name = "failover";
}
