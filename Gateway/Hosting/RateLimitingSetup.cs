using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Voting.Gateway.Problems;

namespace Voting.Gateway.Hosting;

/// <summary>Resident rate limit (section <c>RateLimiting</c>): a token bucket per client address; off when PermitsPerSecond is 0.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Sustained requests per second per client address on resident endpoints (0: no limit).</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a client may send at once above the sustained rate.</summary>
    public int Burst { get; set; } = 20;

    /// <summary>
    /// Comma-separated addresses of the reverse proxies in front of the gateway. Only a request
    /// arriving from one of them has its client address taken from <c>X-Forwarded-For</c> (its last
    /// hop); from anywhere else the header is ignored, so a client cannot pick its own bucket.
    /// </summary>
    public string? KnownProxies { get; set; }
}

public static class RateLimitingSetup
{
    public const string ResidentPolicy = "resident";

    /// <summary>The client address from <c>X-Forwarded-For</c>, only for requests from <c>RateLimiting:KnownProxies</c>; off without them.</summary>
    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        var proxies = (app.Configuration[$"{RateLimitingOptions.Section}:KnownProxies"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (proxies.Length == 0)
        {
            return app;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"RateLimiting:KnownProxies: '{proxy}' is not an IP address."));
        }
        app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary>
    /// Puts the resident rate limit on a group, only when one is configured: with no limit the
    /// middleware then costs nothing per request.
    /// </summary>
    public static RouteGroupBuilder WithResidentRateLimit(this RouteGroupBuilder group, IEndpointRouteBuilder routes)
    {
        var configuration = routes.ServiceProvider.GetRequiredService<IConfiguration>();
        var permits = configuration.GetValue<int>($"{RateLimitingOptions.Section}:PermitsPerSecond");
        return permits > 0 ? group.RequireRateLimiting(ResidentPolicy) : group;
    }

    /// <summary>429 <c>rate-limited</c> with Retry-After when a client exceeds its bucket; nothing is recorded.</summary>
    public static IServiceCollection AddResidentRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitingOptions.Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        if (options.PermitsPerSecond < 0 || options.Burst < 1)
        {
            throw new InvalidOperationException("RateLimiting:PermitsPerSecond must be ≥ 0 and RateLimiting:Burst ≥ 1.");
        }
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(ResidentPolicy, context => options.PermitsPerSecond == 0
                ? RateLimitPartition.GetNoLimiter("all")
                : RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Problem.Of(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests.", $"Slow down; retry after {retryAfter} s. Nothing was recorded.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
