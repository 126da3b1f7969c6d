using Microsoft.Extensions.Logging.Abstractions;
using Voting.Cluster.Tests.Infrastructure;
using Voting.Storage;
using Voting.Storage.Azure;

namespace Voting.Cluster.Tests.Storage;

/// <summary>The conformance suite on Azure Table storage (a real Azurite), one table per test.</summary>
public sealed class AzureStorageTests(AzuriteServer azurite) : StorageConformanceTests
{
    private readonly string _table = AzuriteServer.NewTableName("conformance");

    protected override async Task<IGrainStorage> CreateStorageAsync(IEnumerable<RowTable> tables)
    {
        var options = new StorageOptions { Provider = "azure", ConnectionString = azurite.ConnectionString, TableName = _table };
        var storage = new AzureTableGrainStorage(AzureTableClients.Create(options), tables, options, NullLogger<AzureTableGrainStorage>.Instance);
        await storage.InitializeAsync(TestContext.Current.CancellationToken);
        return storage;
    }

    protected override Task InitializeAgainAsync(IGrainStorage storage, CancellationToken cancellationToken) =>
        ((AzureTableGrainStorage)storage).InitializeAsync(cancellationToken);
}
