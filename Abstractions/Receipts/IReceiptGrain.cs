namespace Voting.Receipts;

/// <summary>Looks up a receipt. Key: the receipt id.</summary>
[Alias("voting.receipt-grain")]
public interface IReceiptGrain : IGrainWithStringKey
{
    /// <summary>The receipt, or null when there is none with this id.</summary>
    [Alias("get")]
    Task<ReceiptView?> GetAsync();
}

/// <summary>A receipt as shown to anyone holding its id: never the voter or the choices.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.receipt-view")]
public sealed record ReceiptView(string ReceiptId, string? EditionId, string? InitiativeId, DateTimeOffset CastAt, string Status);

public static class ReceiptStatus
{
    public const string Counted = "counted";
    public const string Replaced = "replaced";
    public const string Invalidated = "invalidated";
}
