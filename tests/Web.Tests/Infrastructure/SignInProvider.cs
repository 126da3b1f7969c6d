using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Voting.Web.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (OpenIddict server, degraded mode: no database) on a loopback
/// port, playing the city's SSO for a browser: the authorization code flow with PKCE for one public
/// client and one redirect URI, where every authorization request signs in <see cref="Pesel"/> at
/// once (the login page itself is the city's business), and the password grant for the test to get
/// a token of the same person. CORS is open so that the pages may fetch discovery and the token.
/// </summary>
public sealed class SignInProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    private readonly Client _client;

    private SignInProvider(WebApplication app, Uri baseAddress, Client client)
    {
        _app = app;
        BaseAddress = baseAddress;
        _client = client;
    }

    public Uri BaseAddress { get; }

    /// <summary>The public client's one redirect URI (the pages' origin and <c>/</c>); known once the gateway has its port.</summary>
    public string RedirectUri
    {
        get => _client.RedirectUri;
        set => _client.RedirectUri = value;
    }

    /// <summary>Browser sign-ins so far.</summary>
    public int SignIns => Volatile.Read(ref _client.SignIns);

    private sealed class Client
    {
        public string RedirectUri = "";
        public int SignIns;
    }

    public static async Task<SignInProvider> StartAsync(string clientId, string audience, string pesel)
    {
        var client = new Client();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddCors();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.AllowPasswordFlow();
            options.AcceptAnonymousClients();
            options.EnableDegradedMode();
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            options.UseAspNetCore().DisableTransportSecurityRequirement();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != clientId || context.RedirectUri != client.RedirectUri)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect URI.");
                }
                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.HandleAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                Interlocked.Increment(ref client.SignIns);
                context.SignIn(Resident(pesel, audience));
                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.Request.IsAuthorizationCodeGrantType() && context.ClientId != clientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                // The code's principal (with its claims and audience) becomes the access token; the password grant is the test's shortcut.
                context.SignIn(context.Request.IsPasswordGrantType() ? Resident(context.Request.Username!, audience) : context.AuthorizationCodePrincipal!);
                return default;
            }));
        });
        var app = builder.Build();
        app.UseCors(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod());
        app.UseAuthentication();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SignInProvider(app, new Uri(address.EndsWith('/') ? address : address + "/"), client);
    }

    private static ClaimsPrincipal Resident(string pesel, string audience)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, "resident-" + pesel[^4..]);
        identity.SetClaim("pesel", pesel);
        identity.SetAudiences(audience);
        identity.SetScopes(Scopes.OpenId);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>An access token for <paramref name="pesel"/> without a browser (password grant).</summary>
    public async Task<string> IssueAsync(string pesel)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = pesel, ["password"] = "any" };
        using var response = await _http.PostAsync(new Uri(BaseAddress, "connect/token"), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? (string)System.Text.Json.Nodes.JsonNode.Parse(body)!["access_token"]!
            : throw new InvalidOperationException($"The provider refused the token request: {(int)response.StatusCode} {body}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
