using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Voting.Runtime.Grains;
using Voting.Runtime.Storage;

namespace Voting.Runtime.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Routing of grain calls to silos: the shard map (read from <paramref name="database"/>),
    /// HTTP/2 channels, the retrying router. The host picks the <see cref="IGrainCallRouter"/>.
    /// </summary>
    public static IServiceCollection AddClusterRouting(this IServiceCollection services, Func<IServiceProvider, NpgsqlDataSource> database, JsonSerializerOptions wireOptions)
    {
        services.AddClusterOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new GrainWire(wireOptions));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ShardMap>(sp, database(sp)));
        services.AddHostedService<ShardMapRefresher>();
        services.AddSingleton<SiloChannels>();
        services.AddSingleton<RemoteGrainRouter>();
        services.AddHealthChecks().AddCheck<ShardMapHealthCheck>("shard-map", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// A silo of a cluster: shard leases kept in the database of the storage (which must be
    /// PostgreSQL), writes fenced by them, calls served for owned shards and routed otherwise.
    /// </summary>
    public static IServiceCollection AddClusterSiloRuntime(this IServiceCollection services, JsonSerializerOptions wireOptions)
    {
        static NpgsqlDataSource Database(IServiceProvider sp) => sp.GetRequiredService<SqlDialect>() as PostgresDialect is { } postgres
            ? postgres.DataSource
            : throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), ["A cluster silo needs Storage:Provider 'postgres'."]);

        services.AddClusterRouting(Database, wireOptions);
        services.AddSingleton(sp => new ShardOwnership(sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.ShardCount, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IShardFence, LeaseShardFence>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ShardLeaseManager>(sp, Database(sp)));
        services.AddHostedService(sp => sp.GetRequiredService<ShardLeaseManager>());
        services.AddSingleton<IGrainCallRouter, SiloGrainRouter>();
        services.AddHealthChecks().AddCheck<SiloReadyHealthCheck>("leases", tags: ["ready"]);
        return services;
    }

    private static IServiceCollection AddClusterOptions(this IServiceCollection services)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        return services;
    }
}
