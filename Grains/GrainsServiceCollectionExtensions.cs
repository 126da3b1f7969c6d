using Microsoft.Extensions.DependencyInjection;
using Voting.Editions;
using Voting.Grains.Editions;
using Voting.Grains.Initiatives;
using Voting.Grains.Receipts;
using Voting.Grains.Storage;
using Voting.Grains.Voters;
using Voting.Initiatives;
using Voting.Receipts;
using Voting.Runtime.Hosting;
using Voting.Voters;

namespace Voting.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>The product's grains and the tables they store rows in.</summary>
    public static IServiceCollection AddVotingGrains(this IServiceCollection services)
    {
        services.AddGrain<IVoterGrain, VoterGrain>();
        services.AddGrain<IEditionGrain, EditionGrain>();
        services.AddGrain<IInitiativeGrain, InitiativeGrain>();
        services.AddGrain<IReceiptGrain, ReceiptGrain>();
        foreach (var table in Tables.All)
        {
            services.AddRowTable(table);
        }
        return services;
    }
}
