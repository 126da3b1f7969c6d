namespace Voting.Cluster.Tests.Infrastructure;

/// <summary>Checks a ballot stream against the database: every acknowledged ballot stored once, nothing else.</summary>
public static class ExactlyOnce
{
    public static async Task<string> VerifyAsync(LocalCluster cluster, string editionId, BallotStream stream)
    {
        var stored = await cluster.StoredReceiptIdsAsync(editionId);
        var storedSet = stored.ToHashSet();
        Assert.Equal(stored.Count, storedSet.Count);

        var acknowledged = stream.Results.Where(s => s.Status is 200 or 201).ToList();
        var missing = acknowledged.Where(s => !storedSet.Contains(s.ReceiptId!)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged ballots are not in the database (first: {missing.FirstOrDefault()}).");

        var (counted, receipts) = await cluster.TallyAsync(editionId);
        Assert.Equal(stored.Count, counted);
        Assert.Equal(stored.Count, receipts);

        // Ballots that got no acknowledgement: resend them now. 201 means the first attempt recorded
        // nothing (as a 503 promises); 200 means it had been recorded although the client was not told.
        var unanswered = stream.Results.Where(s => s.Status is not (200 or 201 or 409)).ToList();
        var resentRecordedBefore = 0;
        var resentNew = 0;
        var unavailableButRecorded = new List<BallotStream.Sent>();
        foreach (var ballot in unanswered)
        {
            var (status, _, _) = await cluster.VoteAsync(editionId, ballot.Pesel);
            resentRecordedBefore += status == 200 ? 1 : 0;
            resentNew += status == 201 ? 1 : 0;
            if (status == 200 && ballot.Code == "unavailable")
            {
                unavailableButRecorded.Add(ballot);
            }
        }
        // API.md: 503 unavailable means "not recorded"; only outcome-unknown (or no answer) may turn out recorded.
        Assert.True(unavailableButRecorded.Count == 0, $"{unavailableButRecorded.Count} ballots answered 503 unavailable were recorded (first: {unavailableButRecorded.FirstOrDefault()}).");
        var storedAfter = await cluster.StoredReceiptIdsAsync(editionId);
        Assert.Equal(acknowledged.Count + resentRecordedBefore + resentNew, storedAfter.Count);
        var (countedAfter, _) = await cluster.TallyAsync(editionId);
        Assert.Equal(storedAfter.Count, countedAfter);

        var recorded503 = resentRecordedBefore;
        return $"{stream.Summary()}; stored {stored.Count} = acknowledged {acknowledged.Count} + {stored.Count - acknowledged.Count} unacknowledged-but-committed; " +
            $"resent {unanswered.Count} unacknowledged: {resentNew} recorded now (nothing was recorded before), {recorded503} found already recorded; tally counter {counted}, receipts {receipts}";
    }
}
