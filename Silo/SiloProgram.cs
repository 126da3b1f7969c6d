using Voting.Silo.Hosting;

namespace Voting.Silo;

/// <summary>
/// A silo of a cluster (<c>dotnet run --project Silo</c>): serves grain calls for the shards it
/// leases over HTTP/2 without TLS. Configuration: <c>Cluster:*</c> (SiloId, Port,
/// AdvertisedAddress, LeaseTtl...), <c>Storage:Provider=postgres</c>, <c>Storage:ConnectionString</c>,
/// <c>Grains:ShardCount</c>.
/// </summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddClusterSilo();
        var app = builder.Build();
        app.MapClusterSilo();
        await app.RunAsync();
    }
}
