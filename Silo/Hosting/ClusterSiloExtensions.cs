using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Voting.Grains;
using Voting.Runtime.Cluster;
using Voting.Runtime.Hosting;
using Voting.Runtime.Storage;

namespace Voting.Silo.Hosting;

public static class ClusterSiloExtensions
{
    /// <summary>The services and Kestrel endpoints of a cluster silo.</summary>
    public static WebApplicationBuilder AddClusterSilo(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            // Addresses are validated (with the key named) by ClusterOptionsValidator at start.
            var address = IPAddress.TryParse(cluster.ListenAddress, out var parsed) ? parsed : IPAddress.Any;
            kestrel.Listen(address, cluster.Port, listen => listen.Protocols = HttpProtocols.Http2);
            if (cluster.HealthPort > 0)
            {
                kestrel.Listen(address, cluster.HealthPort, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSiloServices();
        builder.AddVotingTelemetry("silo");
        return builder;
    }

    /// <summary>The grain runtime, the product's grains, PostgreSQL storage fenced by shard leases.</summary>
    public static IServiceCollection AddSiloServices(this IServiceCollection services)
    {
        services.AddGrainRuntime();
        services.AddVotingGrains();
        services.AddClusterSiloRuntime(VotingJsonContext.Default.Options);
        services.AddGrainStorage();
        services.AddSingleton<IValidateOptions<StorageOptions>, SiloStorageOptionsValidator>();
        return services;
    }

    /// <summary>Grain calls and the probes.</summary>
    public static WebApplication MapClusterSilo(this WebApplication app)
    {
        app.MapGrainCalls();
        app.MapVotingMetrics();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}

/// <summary>A cluster silo stores in PostgreSQL: leases and fencing live there.</summary>
internal sealed class SiloStorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) => options.Provider == "postgres"
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail($"Storage:Provider must be 'postgres' for a cluster silo (it is '{options.Provider}').");
}
