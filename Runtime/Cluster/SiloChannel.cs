using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Voting.Runtime.Grains;

namespace Voting.Runtime.Cluster;

/// <summary>
/// Grain calls to one silo over its persistent HTTP/2 connection(s), through the silo's own
/// resilience pipeline: a circuit breaker (a dead or hung silo is skipped quickly) around a
/// per-attempt timeout. "Not owner" and "unavailable" answers become exceptions for the caller.
/// </summary>
public sealed class SiloChannel
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly GrainWire _wire;
    private readonly ResiliencePipeline _pipeline;

    public SiloChannel(string address, HttpClient http, GrainWire wire, ClusterOptions options, TimeProvider time)
    {
        Address = address;
        _http = http;
        _wire = wire;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(5),
                BreakDuration = TimeSpan.FromSeconds(1),
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    public string Address { get; }

    public ValueTask<T> CallAsync<T>(GrainId id, GrainMethod method, int shard, byte[] arguments, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async token => await SendAsync<T>(id, method, shard, arguments, token), cancellationToken);

    private async Task<T> SendAsync<T>(GrainId id, GrainMethod method, int shard, byte[] arguments, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{Address}/grains/{Uri.EscapeDataString(id.Type)}/{Uri.EscapeDataString(id.Key)}/{Uri.EscapeDataString(method.Method.Name)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(arguments),
        };
        request.Content.Headers.ContentType = Json;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => _wire.ReadResult<T>(body),
            HttpStatusCode.MisdirectedRequest => throw new NotOwnerException(shard),
            HttpStatusCode.ServiceUnavailable => throw new UnavailableException($"Silo {Address} could not complete {id}.{method.Method.Name}; nothing was recorded."),
            _ => throw new RemoteGrainException($"Silo {Address} answered {(int)response.StatusCode} to {id.Type}.{method.Method.Name}: {System.Text.Encoding.UTF8.GetString(body)}"),
        };
    }
}
