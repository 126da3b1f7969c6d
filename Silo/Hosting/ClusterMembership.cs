using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Voting.Storage;

namespace Voting.Silo.Hosting;

/// <summary>Cluster mode: membership and the gateway list in PostgreSQL through Orleans' ADO.NET clustering provider.</summary>
public static class ClusterMembership
{
    /// <summary>The ADO.NET invariant name of Npgsql, as the provider expects it.</summary>
    public const string Invariant = "Npgsql";

    public static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration[$"{StorageOptions.Section}:ConnectionString"];
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Storage:ConnectionString (PostgreSQL) is required in cluster mode: membership lives there.")
            : connectionString;
    }

    /// <summary>Runs the membership schema migration before Orleans starts (call before <c>UseOrleans</c>/<c>UseOrleansClient</c>).</summary>
    public static IServiceCollection AddClusterSchema(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        return services.AddHostedService(_ => new ClusterSchemaInitializer(connectionString));
    }

    /// <summary>On Kubernetes (POD_NAME and POD_IP set) the pod's identity and address; elsewhere <c>Orleans:*</c> ports and address.</summary>
    public static ISiloBuilder UseClusterMembership(this ISiloBuilder silo, IConfiguration configuration, SiloOptions options)
    {
        var connectionString = ConnectionString(configuration);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = options.ServiceId;
            o.ClusterId = options.ClusterId;
        });
        if (OnKubernetes)
        {
            silo.UseKubernetesHosting();
        }
        else
        {
            var advertised = options.AdvertisedAddress is { Length: > 0 } text ? IPAddress.Parse(text) : FirstIPv4Address();
            silo.ConfigureEndpoints(advertised, options.SiloPort > 0 ? options.SiloPort : 11111, options.GatewayPort > 0 ? options.GatewayPort : 30000, listenOnAnyHostAddress: true);
        }
        return silo;
    }

    private static bool OnKubernetes =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME")) && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_IP"));

    private static IPAddress FirstIPv4Address() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
}
