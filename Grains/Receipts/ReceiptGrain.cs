using Voting.Grains.Storage;
using Voting.Receipts;
using Voting.Storage;

namespace Voting.Grains.Receipts;

/// <summary>Reads a receipt row; the status may change (replaced, invalidated), so nothing is cached.</summary>
[CollectionAgeLimit(Minutes = 0.5)] // looked up once by its holder
internal sealed class ReceiptGrain(IGrainStorage storage) : Grain, IReceiptGrain
{
    private string Key => this.GetPrimaryKeyString();

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
