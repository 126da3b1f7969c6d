using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voting.Storage;
using Voting.Storage.Azure;

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
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new AzureTableGrainStorage(AzureTableClients.Create(options), sp.GetServices<RowTable>(), options, sp.GetRequiredService<ILogger<AzureTableGrainStorage>>());
        });
        services.AddSingleton<IGrainStorage>(sp => IsAzure(sp)
            ? sp.GetRequiredService<AzureTableGrainStorage>()
            : sp.GetRequiredService<SqlGrainStorage>());
        services.AddHostedService(sp => new StorageInitializer(IsAzure(sp)
            ? sp.GetRequiredService<AzureTableGrainStorage>().InitializeAsync
            : sp.GetRequiredService<SqlGrainStorage>().InitializeAsync));
        return services;
    }

    private static bool IsAzure(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == "azure";

    private static SqlDialect CreateDialect(StorageOptions options) => options.Provider switch
    {
        "sqlite" => new SqliteDialect(Path.Combine(options.Path, "voting.db")),
        "postgres" => new PostgresDialect(options.ConnectionString!),
        "azure" => throw new InvalidOperationException("Storage:Provider 'azure' has no SQL dialect."),
        _ => throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), [$"Storage:Provider '{options.Provider}' is not supported."]),
    };
}

/// <summary>Rules across fields: postgres needs a connection string; azure a connection string or a service URI.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) => options.Provider switch
    {
        "postgres" when string.IsNullOrWhiteSpace(options.ConnectionString) =>
            ValidateOptionsResult.Fail("Storage:ConnectionString is required when Storage:Provider is 'postgres'."),
        "azure" when string.IsNullOrWhiteSpace(options.ConnectionString) && options.ServiceUri is null =>
            ValidateOptionsResult.Fail("Storage:ConnectionString or Storage:ServiceUri is required when Storage:Provider is 'azure'."),
        _ => ValidateOptionsResult.Success,
    };
}

/// <summary>Creates or migrates the schema (SQL) or the table (Azure) before the host serves anything.</summary>
internal sealed class StorageInitializer(Func<CancellationToken, Task> initialize) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initialize(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
