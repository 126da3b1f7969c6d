using Voting.Runtime.Grains;

namespace Voting.Receipts;

/// <summary>Looks up a receipt. Key: the receipt id.</summary>
[GrainType("receipt")]
public interface IReceiptGrain : IGrain
{
    Task<ReceiptView?> GetAsync();
}

/// <summary>A receipt as shown to anyone holding its id: never the voter or the choices.</summary>
public sealed record ReceiptView(string ReceiptId, string? EditionId, string? InitiativeId, DateTimeOffset CastAt, string Status);

public static class ReceiptStatus
{
    public const string Counted = "counted";
    public const string Replaced = "replaced";
    public const string Invalidated = "invalidated";
}
