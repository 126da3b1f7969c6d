using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Voting.LoadTests.Http;

/// <summary>
/// Thin HTTP client for the gateway. HTTP/1.1 keep-alive over a pooled <see cref="SocketsHttpHandler"/>
/// by default; with <c>http2</c>, HTTP/2 with prior knowledge over cleartext (version 2.0, exact policy).
/// </summary>
public sealed class ApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly Version _version;
    private readonly TimeSpan _timeout;
    private readonly string? _adminToken;

    public ApiClient(Uri baseUrl, bool http2, int maxConnections, TimeSpan timeout, string? adminToken)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        _version = http2 ? HttpVersion.Version20 : HttpVersion.Version11;
        _http = new HttpClient(handler)
        {
            BaseAddress = baseUrl,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = _version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _timeout = timeout;
        _adminToken = adminToken;
        Http2 = http2;
    }

    public bool Http2 { get; }

    public bool HasAdminToken => !string.IsNullOrEmpty(_adminToken);

    public static byte[] Serialize(JsonNode node)
    {
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken)
    {
        return SendAsync(HttpMethod.Get, path, null, null, false, cancellationToken);
    }

    /// <summary>How resident requests prove who sends them (<c>--identity</c>); null: the PESEL in the body is enough.</summary>
    public Identity.ResidentIdentity? Identity { get; set; }

    /// <summary>A resident POST, made to carry the identity the gateway's mode asks for.</summary>
    public async Task<ApiResponse> PostAsync(string path, byte[] json, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        if (Identity is null)
        {
            return await SendAsync(HttpMethod.Post, path, json, idempotencyKey, false, cancellationToken);
        }
        var (body, bearer) = await Identity.PrepareAsync(this, json, cancellationToken);
        return await SendAsync(HttpMethod.Post, path, body, idempotencyKey, false, cancellationToken, bearer: bearer);
    }

    public Task<ApiResponse> AdminPostAsync(string path, byte[] body, CancellationToken cancellationToken, string contentType = "application/json")
    {
        return SendAsync(HttpMethod.Post, path, body, null, true, cancellationToken, contentType);
    }

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, byte[]? body, string? idempotencyKey, bool admin, CancellationToken cancellationToken, string contentType = "application/json", string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Version = _version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = contentType == "application/json" ? JsonType : new MediaTypeHeaderValue(contentType);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (admin && _adminToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        }
        else if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var status = (int)response.StatusCode;
            return new ApiResponse(status, bytes, status >= 400 ? ApiResponse.ProblemCode(bytes) : null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiResponse(0, [], "timeout");
        }
        catch (HttpRequestException)
        {
            return new ApiResponse(0, [], "transport-error");
        }
    }

    public void Dispose()
    {
        _http.Dispose();
    }
}
