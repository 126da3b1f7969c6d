using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voting.Storage;

namespace Voting.Silo.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Grain storage chosen by <c>Storage:Provider</c>; the schema is created at start.</summary>
    public static IServiceCollection AddGrainStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => CreateDialect(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => new SqlGrainStorage(
            sp.GetRequiredService<SqlDialect>(),
            sp.GetServices<RowTable>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqlGrainStorage>>()));
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<SqlGrainStorage>());
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    private static SqlDialect CreateDialect(StorageOptions options) => options.Provider switch
    {
        "sqlite" => new SqliteDialect(Path.Combine(options.Path, "voting.db")),
        "postgres" => new PostgresDialect(options.ConnectionString!),
        _ => throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), [$"Storage:Provider '{options.Provider}' is not supported."]),
    };
}

/// <summary>Rules across fields: postgres needs a connection string.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        options.Provider == "postgres" && string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail("Storage:ConnectionString is required when Storage:Provider is 'postgres'.")
            : ValidateOptionsResult.Success;
}

/// <summary>Creates or migrates the schema before the host serves anything.</summary>
internal sealed class StorageInitializer(SqlGrainStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
