using Npgsql;
using Voting.Grains;
using Voting.Runtime.Cluster;
using Voting.Runtime.Grains;
using Voting.Runtime.Hosting;
using Voting.Runtime.Storage;

namespace Voting.Gateway.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>
    /// Cluster mode: no silo in this process; grain calls go to the silos owning their shards
    /// (shard map read from <c>Storage:ConnectionString</c>), with retries, per-silo circuit
    /// breakers and a deadline (<c>Cluster:*</c>). Adds a "shard-map" readiness check.
    /// </summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[$"{StorageOptions.Section}:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Storage:ConnectionString (PostgreSQL) is required when Cluster:Enabled is true: the gateway reads the shard map from it.");
        }
        var database = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 8 }.ToString()).Build();
        services.AddGrainRuntime();
        services.AddVotingGrains();
        services.AddClusterRouting(_ => database, VotingJsonContext.Default.Options);
        services.AddSingleton<IGrainCallRouter>(sp => sp.GetRequiredService<RemoteGrainRouter>());
        return services;
    }
}
