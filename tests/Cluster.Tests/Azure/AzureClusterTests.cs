using System.Diagnostics;
using Voting.Cluster.Tests.Failover;
using Voting.Cluster.Tests.Infrastructure;
using static Voting.Cluster.Tests.Infrastructure.FailoverMeasures;

namespace Voting.Cluster.Tests.Azure;

/// <summary>
/// The cluster on Azure Table storage (a real Azurite): membership through Orleans' Azure
/// clustering provider, the ledger in one table. Real silo and gateway processes.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class AzureClusterTests(AzuriteServer azurite)
{
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Killed_silo_of_three_on_azure_loses_no_acknowledged_ballot_and_doubles_none()
    {
        await using var cluster = await LocalCluster.StartAsync(azurite, 3);
        var edition = "azkill-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateEditionAsync(edition);
        var stream = BallotStream.Start(cluster, edition, firstVoter: 800_000);
        await Task.Delay(Load, TestContext.Current.CancellationToken);

        var killedAt = stream.Clock.Elapsed;
        cluster.Silo(2).Signal("KILL");
        var declaredDead = await WaitForAsync(async () => await cluster.ActiveSilosAsync() == 2, TimeSpan.FromSeconds(30));
        await Task.Delay(Load * 2, TestContext.Current.CancellationToken);
        await stream.StopAsync();

        var disruption = DisruptionAfter(stream, killedAt);
        var report = await ExactlyOnce.VerifyAsync(cluster, edition, stream);
        Report($"azure: kill -9 of silo-2 of 3: declared dead in the Azure table: {declaredDead}; every ballot sent after the kill got 201 within {disruption.TotalSeconds:F2}s of it. {report}");
        Assert.True(declaredDead, "the killed silo was not declared dead in the Azure membership table");
        Assert.True(stream.Count(201) > 0);
        Assert.True(disruption < TimeSpan.FromSeconds(10), $"ballots failed or stalled until {disruption} after the kill");
    }

    [Fact]
    public async Task Five_hundred_concurrent_submissions_of_one_voter_on_azure_store_exactly_one_ballot()
    {
        await using var cluster = await LocalCluster.StartAsync(azurite, 2);
        var edition = "azone-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.CreateEditionAsync(edition);
        var pesel = Pesels.Of(900_000);

        var answers = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(() => cluster.VoteAsync(edition, pesel))));
        // On a loaded machine a call queued behind the others on the voter's activation may time out:
        // 503 (nothing recorded, or outcome unknown). Sent again, it must be answered as a replay.
        var resent = new List<(int Status, string? ReceiptId, string? Code)>();
        foreach (var _ in answers.Where(a => a.Status == 503))
        {
            resent.Add(await cluster.VoteAsync(edition, pesel));
        }

        var stored = await cluster.StoredReceiptIdsAsync(edition);
        var (counted, receipts) = await cluster.TallyAsync(edition);
        Report($"azure: 500 concurrent submissions of one voter: {answers.Count(a => a.Status == 201)}×201, {answers.Count(a => a.Status == 200)}×200, {answers.Count(a => a.Status == 503)}×503 (sent again: {resent.Count(a => a.Status == 200)}×200); stored ballots {stored.Count}");
        Assert.Single(stored);
        Assert.Equal(1, counted);
        Assert.Equal(1, receipts);
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { 200, 201, 503 }));
        Assert.True(answers.Count(a => a.Status == 201) <= 1, "more than one submission was answered as recorded");
        Assert.True(answers.Count(a => a.Status is 200 or 201) >= 250, $"only {answers.Count(a => a.Status is 200 or 201)} of 500 answered");
        Assert.All(answers.Where(a => a.Status is 200 or 201).Concat(resent), a => Assert.Equal(stored[0], a.ReceiptId));
        Assert.All(resent, a => Assert.Equal(200, a.Status));
    }
}
