using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace Voting.Storage.Azure;

/// <summary>
/// The ledger table's clients, from <c>Storage:ConnectionString</c> or from
/// <c>Storage:ServiceUri</c> with <see cref="DefaultAzureCredential"/> (managed or workload identity).
/// Transactions go through a client without automatic retries: the ledger decides itself
/// what may be sent again (a transaction retried after a lost answer could be applied twice).
/// </summary>
public sealed record AzureTableClients(TableClient Reads, TableClient Transactions)
{
    public static AzureTableClients Create(StorageOptions options)
    {
        var reads = Service(options, new TableClientOptions());
        var transactionOptions = new TableClientOptions();
        transactionOptions.Retry.MaxRetries = 0;
        transactionOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        var transactions = Service(options, transactionOptions);
        return new AzureTableClients(reads.GetTableClient(options.TableName), transactions.GetTableClient(options.TableName));
    }

    private static TableServiceClient Service(StorageOptions options, TableClientOptions clientOptions)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new TableServiceClient(options.ConnectionString, clientOptions);
        }
        if (options.ServiceUri is { } uri)
        {
            return new TableServiceClient(uri, Credential(), clientOptions);
        }
        throw new InvalidOperationException("Storage:Provider 'azure' needs Storage:ConnectionString or Storage:ServiceUri.");
    }

    private static TokenCredential Credential() => new DefaultAzureCredential();
}
