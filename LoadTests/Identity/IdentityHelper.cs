using System.Net;
using System.Text;

namespace Voting.LoadTests.Identity;

/// <summary>
/// What a run in an identity mode needs besides the gateway, on loopback ports: over HTTP
/// (<c>--issuer-port</c>) the test issuer's <c>/.well-known/openid-configuration</c> and
/// <c>/jwks</c> (the gateway's <c>Identity:Oidc:Authority</c>), <c>/token?pesel=</c> (an access
/// token) and <c>/code?email=</c> (waits for the code mailed there); and the SMTP sink
/// (<c>--smtp-port</c>, the gateway's <c>Identity:Smtp</c>). The driver starts it for
/// <c>--identity oidc|email-code</c>; the <c>identity-helper</c> scenario runs it alone for k6.
/// </summary>
public sealed class IdentityHelper : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;
    private Task _smtp = Task.CompletedTask;

    public IdentityHelper(int httpPort, int smtpPort, string audience)
    {
        HttpPort = httpPort;
        SmtpPort = smtpPort;
        Issuer = new TestIssuer($"http://127.0.0.1:{httpPort}/", audience, Path.Combine(Path.GetTempPath(), "voting-load-issuer.pem"), TimeProvider.System);
        _listener.Prefixes.Add($"http://127.0.0.1:{httpPort}/");
    }

    public int HttpPort { get; }

    public int SmtpPort { get; }

    public TestIssuer Issuer { get; }

    public CodeMailbox Mailbox { get; } = new();

    public void Start(bool withSmtp)
    {
        _listener.Start();
        _serving = Task.Run(ServeAsync);
        if (withSmtp)
        {
            _smtp = Mailbox.StartAsync(SmtpPort, _stop.Token);
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var (status, body, type) = request.Url?.AbsolutePath switch
        {
            "/.well-known/openid-configuration" => (200, Issuer.DiscoveryDocument(), "application/json"),
            "/jwks" => (200, Issuer.Jwks(), "application/json"),
            "/token" when request.QueryString["pesel"] is { Length: 11 } pesel => (200, Issuer.TokenFor(pesel), "text/plain"),
            "/code" when request.QueryString["email"] is { Length: > 0 } email =>
                await Mailbox.WaitAsync(email, TimeSpan.FromSeconds(60), _stop.Token) is { } code ? (200, code, "text/plain") : (404, "no mail", "text/plain"),
            _ => (404, "not found", "text/plain"),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        context.Response.ContentLength64 = bytes.Length;
        try
        {
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // the caller left
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        await Task.WhenAll(_serving, _smtp.ContinueWith(_ => { }, TaskScheduler.Default));
        _stop.Dispose();
    }
}
