using Voting.Grains.Storage;
using Voting.Receipts;
using Voting.Storage;

namespace Voting.Grains.Editions;

/// <summary>Reads the stored ballots of an edition.</summary>
public static class BallotReader
{
    /// <summary>Ballots that count (not replaced, not invalidated).</summary>
    public static async Task<IReadOnlyList<StoredBallot>> ReadCountedAsync(IGrainStorage storage, string editionId)
    {
        var ballots = new List<StoredBallot>();
        await foreach (var row in storage.ReadScopeAsync(Tables.Ballots.Name, editionId))
        {
            var ballot = RowJson.Read<StoredBallot>(row.Data);
            if (ballot.Status == ReceiptStatus.Counted)
            {
                ballots.Add(ballot);
            }
        }
        return ballots;
    }
}
