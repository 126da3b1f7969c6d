using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Azure.Data.Tables;
using Azure.Identity;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;
using Voting.Storage;

namespace Voting.Silo.Hosting;

/// <summary>
/// Cluster mode: membership and the gateway list where the ledger is: in PostgreSQL through
/// Orleans' ADO.NET clustering provider, or (<c>Storage:Provider=azure</c>) in an Azure table
/// through Orleans' Azure Storage clustering provider.
/// </summary>
public static class ClusterMembership
{
    /// <summary>The ADO.NET invariant name of Npgsql, as the provider expects it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The Azure table of the membership rows (Orleans' own layout; one partition per cluster id).</summary>
    public const string AzureTableName = "OrleansSiloInstances";

    public static bool OnAzure(IConfiguration configuration) =>
        string.Equals(configuration[$"{StorageOptions.Section}:Provider"], "azure", StringComparison.Ordinal);

    public static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration[$"{StorageOptions.Section}:ConnectionString"];
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Storage:ConnectionString (PostgreSQL) is required in cluster mode: membership lives there.")
            : connectionString;
    }

    /// <summary>Runs the membership schema migration before Orleans starts (call before <c>UseOrleans</c>/<c>UseOrleansClient</c>); on Azure the provider creates its table itself.</summary>
    public static IServiceCollection AddClusterSchema(this IServiceCollection services, IConfiguration configuration)
    {
        if (OnAzure(configuration))
        {
            return services;
        }
        var connectionString = ConnectionString(configuration);
        return services.AddHostedService(_ => new ClusterSchemaInitializer(connectionString));
    }

    /// <summary>An Orleans client's gateway list from the same membership table as the silos'.</summary>
    public static IClientBuilder UseClusterMembership(this IClientBuilder client, IConfiguration configuration)
    {
        if (OnAzure(configuration))
        {
            var (connectionString, serviceUri) = AzureEndpoint(configuration);
            return client.UseAzureStorageClustering(o =>
            {
                o.TableName = AzureTableName;
                ConfigureAzure(o, connectionString, serviceUri);
            });
        }
        var postgres = ConnectionString(configuration);
        return client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = postgres;
        });
    }

    /// <summary>On Kubernetes (POD_NAME and POD_IP set) the pod's identity and address; elsewhere <c>Orleans:*</c> ports and address.</summary>
    public static ISiloBuilder UseClusterMembership(this ISiloBuilder silo, IConfiguration configuration, SiloOptions options)
    {
        if (OnAzure(configuration))
        {
            var (connectionString, serviceUri) = AzureEndpoint(configuration);
            silo.UseAzureStorageClustering(o =>
            {
                o.TableName = AzureTableName;
                ConfigureAzure(o, connectionString, serviceUri);
            });
        }
        else
        {
            var connectionString = ConnectionString(configuration);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        }
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

    private static (string? ConnectionString, Uri? ServiceUri) AzureEndpoint(IConfiguration configuration)
    {
        var connectionString = configuration[$"{StorageOptions.Section}:ConnectionString"];
        var serviceUri = configuration[$"{StorageOptions.Section}:ServiceUri"];
        if (string.IsNullOrWhiteSpace(connectionString) && string.IsNullOrWhiteSpace(serviceUri))
        {
            throw new InvalidOperationException("Storage:ConnectionString or Storage:ServiceUri (Azure Storage) is required in cluster mode: membership lives there.");
        }
        return (string.IsNullOrWhiteSpace(connectionString) ? null : connectionString, string.IsNullOrWhiteSpace(serviceUri) ? null : new Uri(serviceUri));
    }

    private static void ConfigureAzure(AzureStorageOperationOptions options, string? connectionString, Uri? serviceUri)
    {
        options.TableServiceClient = connectionString is not null
            ? new TableServiceClient(connectionString)
            : new TableServiceClient(serviceUri!, new DefaultAzureCredential());
    }

    private static bool OnKubernetes =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME")) && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_IP"));

    private static IPAddress FirstIPv4Address() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
}
