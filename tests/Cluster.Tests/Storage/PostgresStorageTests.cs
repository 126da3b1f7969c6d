using Voting.Cluster.Tests.Infrastructure;
using Voting.Storage;

namespace Voting.Cluster.Tests.Storage;

/// <summary>The conformance suite on a real PostgreSQL, one database per test.</summary>
public sealed class PostgresStorageTests(PostgresServer server) : SqlStorageConformanceTests
{
    private string? _connectionString;

    public override async ValueTask InitializeAsync() => _connectionString = await server.CreateDatabaseAsync("conformance");

    protected override Task<SqlDialect> CreateDialectAsync() => Task.FromResult<SqlDialect>(new PostgresDialect(_connectionString!));
}
