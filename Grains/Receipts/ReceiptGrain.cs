using Voting.Grains.Storage;
using Voting.Receipts;
using Voting.Runtime.Grains;
using Voting.Runtime.Storage;

namespace Voting.Grains.Receipts;

/// <summary>Reads a receipt row; the status may change (replaced, invalidated), so nothing is cached.</summary>
internal sealed class ReceiptGrain(IGrainStorage storage) : Grain, IReceiptGrain
{
    public async Task<ReceiptView?> GetAsync()
    {
        if (!ReceiptIds.LooksValid(Key))
        {
            return null;
        }
        var row = await storage.ReadRowAsync(Tables.Receipts.Name, Tables.Global, Key);
        if (row is null)
        {
            return null;
        }
        var receipt = RowJson.Read<StoredReceipt>(row.Data);
        return new ReceiptView(Key, receipt.EditionId, receipt.InitiativeId, receipt.CastAt, receipt.Status);
    }
}
