using Microsoft.Extensions.Hosting;
using Npgsql;
using Voting.Storage;
using Voting.Storage.Clustering;

namespace Voting.Silo.Hosting;

/// <summary>
/// Creates or migrates the Orleans membership schema (tables and query texts, versioned in
/// <c>schema_version</c> beside the ledger's) before Orleans starts: the clustering provider reads
/// its query texts at start. Registered before Orleans so that it runs first.
/// </summary>
internal sealed class ClusterSchemaInitializer(string connectionString) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await PostgresDialect.MigrateAsync(connection, OrleansClusteringSchema.Component, OrleansClusteringSchema.Versions, OrleansClusteringSchema.Always, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
