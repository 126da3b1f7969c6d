using Microsoft.Extensions.DependencyInjection;
using Voting.Grains;
using Voting.Runtime.Grains;
using Voting.Runtime.Hosting;
using Voting.Runtime.Storage;

namespace Voting.Silo.Hosting;

public static class EmbeddedSiloExtensions
{
    /// <summary>A silo inside this process that owns every shard (embedded mode).</summary>
    public static IServiceCollection AddEmbeddedSilo(this IServiceCollection services)
    {
        services.AddGrainRuntime();
        services.AddVotingGrains();
        services.AddSingleton<IShardFence, OwnAllShardsFence>();
        services.AddSingleton<IGrainCallRouter, LocalGrainRouter>();
        services.AddGrainStorage();
        return services;
    }
}
