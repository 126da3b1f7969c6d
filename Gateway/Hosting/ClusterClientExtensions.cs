using Orleans.Configuration;
using Voting.Silo.Hosting;

namespace Voting.Gateway.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>
    /// Cluster mode: no silo in this process; an Orleans client finds the silos' gateways in the
    /// membership table (PostgreSQL, or an Azure table with <c>Storage:Provider=azure</c>) and keeps trying to connect
    /// until one answers, so gateways may start before silos.
    /// </summary>
    public static IHostApplicationBuilder AddClusterClient(this IHostApplicationBuilder builder)
    {
        var options = VotingSiloExtensions.ReadSiloOptions(builder.Configuration);
        builder.Services.AddClusterSchema(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.UseClusterMembership(builder.Configuration);
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = options.ServiceId;
                o.ClusterId = options.ClusterId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
            // The client sends through silo gateways; a hung silo's gateway is dropped when the list
            // (read from the membership table) no longer has it. Orleans' default of 1 min would keep messages
            // queued on a SIGSTOPped silo that long; one cheap query a second per gateway does not.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
            if (OtlpSettings.IsConfigured(builder.Configuration))
            {
                client.AddActivityPropagation();
            }
        });
        builder.Services.AddHealthChecks().AddCheck<ClusterClientHealthCheck>("cluster", tags: ["ready"]);
        return builder;
    }
}
