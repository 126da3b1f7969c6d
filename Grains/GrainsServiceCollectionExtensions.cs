using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Voting.Grains.Editions;
using Voting.Grains.Identity;
using Voting.Grains.Storage;
using Voting.Storage;

namespace Voting.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>What the product's grains need besides the ledger: the tables they store rows in and the silo's edition cache.</summary>
    public static IServiceCollection AddVotingGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EditionCache>();
        services.TryAddSingleton<MailOutboxSignal>();
        services.TryAddSingleton<Voters.DeskVotersInFlight>();
        foreach (var table in Tables.All.Concat(IdentityRows.All))
        {
            services.AddSingleton(table);
        }
        return services;
    }
}
