namespace Voting.Gateway.Hosting;

/// <summary>
/// CORS is off unless <c>Cors:Origins</c> lists the origins (comma separated) of the city's own
/// voting pages: browsers then let those pages, and only those, call the API.
/// </summary>
public static class CorsSetup
{
    public const string PolicyName = "voting-pages";

    public static WebApplicationBuilder AddVotingCors(this WebApplicationBuilder builder)
    {
        var origins = Origins(builder.Configuration);
        if (origins.Length > 0)
        {
            builder.Services.AddCors(o => o.AddPolicy(PolicyName, p => p.WithOrigins(origins).WithMethods("GET", "POST").WithHeaders("Content-Type", "Authorization", "Idempotency-Key")));
        }
        return builder;
    }

    public static WebApplication UseVotingCors(this WebApplication app)
    {
        if (Origins(app.Configuration).Length > 0)
        {
            app.UseCors(PolicyName);
        }
        return app;
    }

    private static string[] Origins(IConfiguration configuration) =>
        (configuration["Cors:Origins"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
