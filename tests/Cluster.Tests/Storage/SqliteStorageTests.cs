using Voting.Storage;

namespace Voting.Cluster.Tests.Storage;

/// <summary>The conformance suite on SQLite (embedded mode), one file per test.</summary>
public sealed class SqliteStorageTests : SqlStorageConformanceTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-sqlite-" + Guid.NewGuid().ToString("N")[..8]);

    protected override Task<SqlDialect> CreateDialectAsync() => Task.FromResult<SqlDialect>(new SqliteDialect(Path.Combine(_folder, "voting.db")));
}
