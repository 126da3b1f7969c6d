using Microsoft.Extensions.Caching.Memory;

namespace Voting.Gateway.Hosting;

/// <summary>
/// Caps failed attempts per voter (<c>RateLimiting:VoterFailures</c> within
/// <c>RateLimiting:VoterFailureWindow</c>): a resident request whose voter has failed that often
/// answers 429 <c>rate-limited</c> until the window has passed, so one person's identity cannot be
/// tried without end (a wrong one-time code, a token for someone else, ballot after invalid ballot).
/// Counted per voter key (never the PESEL) and per gateway, in a bounded cache: a flood of distinct
/// voters evicts entries instead of growing memory. A failure is a 401, 403 or 422 answer to a request
/// that named a valid voter; the count does not depend on whether that voter has voted.
/// </summary>
public sealed class VoterFailureLimiter : IDisposable
{
    private const string VoterItem = "voting.voter-key";
    private const int MaxTrackedVoters = 100_000;

    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = MaxTrackedVoters });
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    public VoterFailureLimiter(RateLimitingOptions options, TimeProvider time)
    {
        _limit = options.VoterFailures ?? 0;
        _window = options.VoterFailureWindow;
        _time = time;
    }

    private sealed class Failures(DateTimeOffset until)
    {
        public int Count;
        public DateTimeOffset Until { get; } = until;
    }

    /// <summary>
    /// Notes the request's voter (so that a failed answer is counted against it) and says how long
    /// that voter is still blocked (null: not blocked).
    /// </summary>
    public TimeSpan? Admit(HttpContext context, string voterKey)
    {
        if (_limit == 0)
        {
            return null;
        }
        context.Items[VoterItem] = voterKey;
        var left = _failures.TryGetValue(voterKey, out Failures? failures) ? failures!.Until - _time.GetUtcNow() : TimeSpan.Zero;
        return left > TimeSpan.Zero && Volatile.Read(ref failures!.Count) >= _limit ? left : null;
    }

    /// <summary>After the response: counts a failed answer against the request's voter.</summary>
    public void Observe(HttpContext context)
    {
        if (_limit == 0 || context.Items[VoterItem] is not string voterKey || !IsFailure(context.Response.StatusCode))
        {
            return;
        }
        var now = _time.GetUtcNow();
        if (!_failures.TryGetValue(voterKey, out Failures? failures) || failures!.Until <= now)
        {
            // A new window (the cache's own expiry is only there to free memory).
            failures = _failures.Set(voterKey, new Failures(now + _window), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _window });
        }
        Interlocked.Increment(ref failures.Count);
    }

    private static bool IsFailure(int status) => status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status422UnprocessableEntity;

    public void Dispose() => _failures.Dispose();
}

public static class VoterFailureLimitSetup
{
    /// <summary>Counts failed answers per voter after each request (see <see cref="VoterFailureLimiter"/>).</summary>
    public static WebApplication UseVoterFailureLimit(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<VoterFailureLimiter>();
        app.Use(async (context, next) =>
        {
            await next(context);
            limiter.Observe(context);
        });
        return app;
    }
}
