using Microsoft.Extensions.Logging.Abstractions;
using Voting.Storage;

namespace Voting.Cluster.Tests.Storage;

/// <summary>The conformance suite on a SQL engine, given by its dialect.</summary>
public abstract class SqlStorageConformanceTests : StorageConformanceTests
{
    protected abstract Task<SqlDialect> CreateDialectAsync();

    protected override async Task<IGrainStorage> CreateStorageAsync(IEnumerable<RowTable> tables)
    {
        var storage = new SqlGrainStorage(await CreateDialectAsync(), tables, new StorageOptions(), TimeProvider.System, NullLogger<SqlGrainStorage>.Instance);
        await storage.InitializeAsync(TestContext.Current.CancellationToken);
        return storage;
    }

    protected override Task InitializeAgainAsync(IGrainStorage storage, CancellationToken cancellationToken) =>
        ((SqlGrainStorage)storage).InitializeAsync(cancellationToken);
}
