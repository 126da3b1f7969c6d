using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Voting.Grains;
using Voting.Silo.Mail;

namespace Voting.Silo.Hosting;

public static class VotingSiloExtensions
{
    /// <summary>Grain addresses a silo keeps cached (Orleans' default: 1,000,000).</summary>
    public const int DirectoryCacheSize = 10_000;

    /// <summary>
    /// An Orleans silo in this process with the product's grains and the ledger
    /// (<c>Storage:*</c>). Embedded mode: localhost clustering, no gateway port (nothing but this
    /// process calls it). Cluster mode: membership in PostgreSQL (<c>Storage:ConnectionString</c>).
    /// </summary>
    public static IHostApplicationBuilder AddVotingSilo(this IHostApplicationBuilder builder, bool embedded)
    {
        var options = ReadSiloOptions(builder.Configuration);
        builder.Services.AddGrainStorage();
        builder.Services.AddCodeMailOutbox(builder.Configuration, validatedElsewhere: embedded);
        if (!embedded)
        {
            builder.Services.AddClusterSchema(builder.Configuration);
        }
        builder.UseOrleans(silo =>
        {
            if (embedded)
            {
                var siloPort = options.SiloPort > 0 ? options.SiloPort : FreeTcpPort();
                silo.UseLocalhostClustering(siloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            }
            else
            {
                silo.UseClusterMembership(builder.Configuration, options);
            }
            silo.ConfigureVotingRuntime(options, traced: OtlpSettings.IsConfigured(builder.Configuration));
            if (options.Dashboard)
            {
                silo.AddVotingDashboard();
            }
        });
        return builder;
    }

    /// <summary>
    /// What every silo of the product has, whatever its clustering: the grains' services, failure
    /// detection and response timeout from <paramref name="options"/>, idle collection (voters and
    /// receipts declare 30 s, so the collection quantum is 10 s), a bounded grain-directory cache,
    /// and trace propagation.
    /// </summary>
    public static ISiloBuilder ConfigureVotingRuntime(this ISiloBuilder silo, SiloOptions options, bool traced = false)
    {
        silo.Services.AddVotingGrains();
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = options.ProbeTimeout;
            o.MaxProbeTimeout = options.ProbeTimeout * 2;
            o.IAmAliveTablePublishTimeout = options.IAmAliveTablePublishTimeout;
            o.TableRefreshTimeout = options.TableRefreshTimeout;
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
        silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = options.IdleTimeout;
            o.CollectionQuantum = TimeSpan.FromSeconds(10);
        });
        // Orleans caches the address of every grain it looked up, up to a million by default: one
        // entry per voter (~400 bytes) that outlives the voter's activation. Editions, projects and
        // initiatives are what is worth caching, and they are few.
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);
        if (traced)
        {
            // Two grain call filters on every call: only worth it when the spans go somewhere.
            silo.AddActivityPropagation();
        }
        return silo;
    }

    /// <summary>Binds and validates <c>Orleans:*</c>; a bad value stops the start with the key named.</summary>
    public static SiloOptions ReadSiloOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join(" ", problems));
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
