using Voting.Silo.Hosting;

namespace Voting.Silo;

/// <summary>
/// A silo of a cluster (<c>dotnet run --project Silo</c>): an Orleans silo with membership in
/// PostgreSQL, plus HTTP for probes and metrics (<c>urls</c>, default http://0.0.0.0:8080).
/// Configuration: <c>Orleans:*</c> (ports, ids, failure detection), <c>Storage:Provider=postgres</c>,
/// <c>Storage:ConnectionString</c>.
/// </summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLoggingDefaults();
        builder.AddClusterSilo();
        var app = builder.Build();
        app.MapClusterSilo();
        await app.RunAsync();
    }
}
