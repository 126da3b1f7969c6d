using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Voting.Storage;

namespace Voting.Silo.Hosting;

public static class ClusterSiloExtensions
{
    public const string DefaultUrl = "http://0.0.0.0:8080";

    /// <summary>The services of a cluster silo: Orleans with membership in PostgreSQL or Azure Table storage, the ledger, probes.</summary>
    public static WebApplicationBuilder AddClusterSilo(this WebApplicationBuilder builder)
    {
        ManagementPorts.ListenOn(builder, DefaultUrl);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, SiloStorageOptionsValidator>();
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<SiloMembershipHealthCheck>("membership", tags: ["ready"]);
        builder.AddVotingSilo(embedded: false);
        builder.AddVotingTelemetry("silo");
        return builder;
    }

    /// <summary>The probes, /metrics, and the dashboard on the management ports. A silo has no admin token.</summary>
    public static WebApplication MapClusterSilo(this WebApplication app)
    {
        app.MapVotingMetrics();
        app.MapSiloDashboard();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}

/// <summary>A cluster silo stores in PostgreSQL or Azure Table storage: membership lives there too (not in a file of one machine).</summary>
internal sealed class SiloStorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) => options.Provider is "postgres" or "azure"
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail($"Storage:Provider must be 'postgres' or 'azure' for a cluster silo (it is '{options.Provider}').");
}
