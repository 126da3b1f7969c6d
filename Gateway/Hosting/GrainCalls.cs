using System.Collections.Concurrent;
using Orleans.Metadata;
using Orleans.Runtime;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Voting.Failures;
using Voting.Voters;

namespace Voting.Gateway.Hosting;

/// <summary>
/// Grain calls of the gateway under one Polly pipeline: retries with jitter only where the call
/// cannot have run (Orleans rejected the message, the silo was unavailable, the ledger refused
/// before committing), and none begun after a deadline — every cast is safe to resend anyway,
/// because a resend is answered as a replay; a circuit breaker; then the exception handler answers 503.
/// Each attempt is bounded by Orleans' own response timeout (<c>Orleans:ResponseTimeout</c>, 2 s),
/// which throws <see cref="TimeoutException"/>: a timer of the pipeline's own on every call cost
/// about 2 % of the embedded gateway's votes/s (BENCHMARKS.md) and bounded nothing more.
/// </summary>
public sealed class GrainCalls(IGrainFactory factory, TimeProvider time, GrainInterfaceTypeResolver interfaces, GrainInterfaceTypeToGrainTypeResolver grainTypes)
{
    /// <summary>
    /// Grain and interface type per grain interface, resolved once: <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c>
    /// reads the interface's attributes by reflection on every call (~2 % of a vote's CPU, measured with perf).
    /// </summary>
    private readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> _types = new();

    private readonly ResiliencePipeline _pipeline = CreatePipeline(time);

    /// <summary>No retry begins later than this after the first attempt began.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>When the first attempt of a call began (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    private static readonly ResiliencePropertyKey<long> FirstAttemptAt = new("voting.first-attempt-at");

    /// <summary>The ballot desk: a stateless worker, so one reference serves every call.</summary>
    public IBallotDeskGrain BallotDesk => field ??= factory.GetGrain<IBallotDeskGrain>(0);

    public TGrain Get<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        var (grain, @interface) = _types.GetOrAdd(typeof(TGrain), static (type, resolvers) =>
        {
            var @interface = resolvers.interfaces.GetGrainInterfaceType(type);
            return (resolvers.grainTypes.GetGrainType(@interface), @interface);
        }, (interfaces, grainTypes));
        return (TGrain)factory.GetGrain(GrainId.Create(grain, key), @interface);
    }

    /// <summary>Runs one grain call under the pipeline.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> call) => RunAsync(_pipeline, time, call);

    /// <summary>Runs <paramref name="call"/> under a pipeline made by <see cref="CreatePipeline"/> with the same clock.</summary>
    public static async Task<T> RunAsync<T>(ResiliencePipeline pipeline, TimeProvider time, Func<Task<T>> call)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.Properties.Set(FirstAttemptAt, time.GetTimestamp());
            return await pipeline.ExecuteAsync(static async (_, call) => await call(), context, call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Failures after which the call certainly did not run (or recorded nothing): safe to try again.</summary>
    public static bool DidNotRun(Exception exception) => exception is OrleansMessageRejectionException or UnavailableException;

    public static ResiliencePipeline CreatePipeline(TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && DidNotRun(e)
                && args.Context.Properties.TryGetValue(FirstAttemptAt, out var first) && time.GetElapsedTime(first) < Deadline),
            MaxRetryAttempts = 5,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1),
            UseJitter = true,
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => DidNotRun(e) || e is TimeoutException),
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = TimeSpan.FromSeconds(2),
        })
        .Build();
}
