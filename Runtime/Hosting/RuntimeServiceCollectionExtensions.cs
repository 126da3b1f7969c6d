using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Voting.Runtime.Grains;
using Voting.Runtime.Storage;

namespace Voting.Runtime.Hosting;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>The grain runtime: activation table, factory, idle collection. A router must be added by the host.</summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services)
    {
        services.AddOptions<GrainRuntimeOptions>().BindConfiguration(GrainRuntimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<ActivationTable>();
        services.TryAddSingleton<IGrainFactory, GrainFactory>();
        services.AddHostedService<ActivationCollector>();
        return services;
    }

    /// <summary>Registers a grain type.</summary>
    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services)
        where TInterface : IGrain
        where TGrain : Grain, TInterface
    {
        services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TGrain)));
        return services;
    }

    /// <summary>Declares a row table the application stores data in.</summary>
    public static IServiceCollection AddRowTable(this IServiceCollection services, RowTable table) => services.AddSingleton(table);
}

/// <summary>A grain type registration, collected into the <see cref="GrainTypeRegistry"/>.</summary>
public sealed record GrainRegistration(Type Interface, Type Implementation);
