using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Voting.Runtime.Cluster;

/// <summary>
/// One channel per silo address, sharing one HTTP/2 client: connections are persistent and
/// multiplexed (more are opened only when a connection's stream limit is reached), and
/// keep-alive pings notice a silo that stopped answering.
/// </summary>
public sealed class SiloChannels : IDisposable
{
    private readonly ConcurrentDictionary<string, SiloChannel> _channels = new();
    private readonly HttpClient _http;
    private readonly GrainWire _wire;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;

    public SiloChannels(GrainWire wire, IOptions<ClusterOptions> options, TimeProvider time)
    {
        _wire = wire;
        _options = options.Value;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            KeepAlivePingDelay = TimeSpan.FromSeconds(2),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(2),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            UseProxy = false,
        };
        _http = new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public SiloChannel Get(string address) => _channels.GetOrAdd(address, a => new SiloChannel(a, _http, _wire, _options, _time));

    public void Dispose() => _http.Dispose();
}
