using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Voting.Gateway.Problems;

namespace Voting.Gateway.Hosting;

/// <summary>
/// Resident rate limits (section <c>RateLimiting</c>): a token bucket per client address, off when
/// PermitsPerSecond is 0, and a cap on failed attempts per voter. Unset, both are on outside
/// Development with generous values (<see cref="ProductionPermitsPerSecond"/>, <see cref="ProductionBurst"/>,
/// <see cref="ProductionVoterFailures"/>) and off in Development.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>
    /// One public address may carry a whole school, library or mobile operator's carrier-grade NAT:
    /// 50 requests per second is far above what one household sends, and a vote takes 3–5 requests.
    /// </summary>
    public const int ProductionPermitsPerSecond = 50;

    /// <summary>A class voting together after a lesson sends its ballots within seconds.</summary>
    public const int ProductionBurst = 500;

    /// <summary>Failed attempts (401, 403, 422) one voter may make in <see cref="VoterFailureWindow"/>.</summary>
    public const int ProductionVoterFailures = 10;

    /// <summary>Sustained requests per second per client address on resident endpoints (0: no limit).</summary>
    public int? PermitsPerSecond { get; set; }

    /// <summary>Requests a client may send at once above the sustained rate.</summary>
    public int? Burst { get; set; }

    /// <summary>Failed attempts per voter (voter key) within <see cref="VoterFailureWindow"/> before 429 (0: no limit).</summary>
    public int? VoterFailures { get; set; }

    /// <summary>How long failed attempts of a voter are remembered (and a blocked voter stays blocked).</summary>
    public TimeSpan VoterFailureWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Comma-separated addresses of the reverse proxies in front of the gateway. Only a request
    /// arriving from one of them has its client address taken from <c>X-Forwarded-For</c> (its last
    /// hop); from anywhere else the header is ignored, so a client cannot pick its own bucket.
    /// </summary>
    public string? KnownProxies { get; set; }

    /// <summary>The options with the environment's defaults filled in; throws naming the key on a bad value.</summary>
    public static RateLimitingOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        var production = !environment.IsDevelopment();
        options.PermitsPerSecond ??= production ? ProductionPermitsPerSecond : 0;
        options.Burst ??= production ? ProductionBurst : 20;
        options.VoterFailures ??= production ? ProductionVoterFailures : 0;
        var bad = options.PermitsPerSecond < 0 ? "PermitsPerSecond must be ≥ 0"
            : options.Burst < 1 ? "Burst must be ≥ 1"
            : options.VoterFailures < 0 ? "VoterFailures must be ≥ 0"
            : options.VoterFailureWindow <= TimeSpan.Zero ? "VoterFailureWindow must be positive"
            : null;
        return bad is null ? options : throw new InvalidOperationException($"{Section}:{bad}.");
    }
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
        var options = routes.ServiceProvider.GetRequiredService<RateLimitingOptions>();
        return options.PermitsPerSecond > 0 ? group.RequireRateLimiting(ResidentPolicy) : group;
    }

    /// <summary>
    /// 429 <c>rate-limited</c> with Retry-After when a client exceeds its bucket; nothing is recorded.
    /// Loopback clients have no bucket: on the gateway's own machine they are an operator's tool or
    /// a proxy missing from KnownProxies, and limiting that proxy would put every resident in one bucket.
    /// </summary>
    public static IServiceCollection AddResidentRateLimiting(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = RateLimitingOptions.Read(configuration, environment);
        services.AddSingleton(options);
        services.AddSingleton<VoterFailureLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(ResidentPolicy, context => options.PermitsPerSecond == 0 || context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address)
                ? RateLimitPartition.GetNoLimiter("all")
                : RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst!.Value,
                    TokensPerPeriod = options.PermitsPerSecond!.Value,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                await RateLimited(context.HttpContext, retryAfter).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>429 <c>rate-limited</c> with Retry-After (whole seconds, at least 1).</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult RateLimited(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problem.Of(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests.", $"Slow down; retry after {seconds} s. Nothing was recorded.");
    }
}
