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

namespace Voting.Gateway.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (OpenIddict server, no database: degraded mode) on a free loopback
/// port over HTTP. It serves discovery and its signing keys and issues signed, unencrypted JWT access
/// tokens through the password grant: the username is put in the PESEL claim (or left out when it is
/// <see cref="NoPesel"/>); the extra parameters <c>test_audience</c> and <c>test_lifetime_seconds</c>
/// choose the audience and the lifetime (negative: already expired).
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string NoPesel = "no-pesel";
    public const string PeselClaim = "pesel";

    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    private TestOidcProvider(WebApplication app, Uri baseAddress, string issuer)
    {
        _app = app;
        BaseAddress = baseAddress;
        Issuer = issuer;
    }

    public Uri BaseAddress { get; }

    /// <summary>The issuer named in its tokens and discovery document.</summary>
    public string Issuer { get; }

    /// <summary>Starts a provider; <paramref name="issuer"/> overrides the issuer name (a provider with other keys pretending to be another).</summary>
    public static async Task<TestOidcProvider> StartAsync(string audience, string? issuer = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            if (issuer is not null)
            {
                options.SetIssuer(new Uri(issuer));
            }
            options.SetTokenEndpointUris("connect/token");
            options.AllowPasswordFlow();
            options.AcceptAnonymousClients();
            options.EnableDegradedMode();
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            options.UseAspNetCore().DisableTransportSecurityRequirement();
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(_ => default));
            options.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, Guid.NewGuid().ToString("N"));
                if (context.Request.Username is { } user && user != NoPesel)
                {
                    identity.SetClaim(PeselClaim, user);
                }
                identity.SetAudiences((string?)context.Request["test_audience"] ?? audience);
                identity.SetDestinations(static _ => [Destinations.AccessToken]);
                var principal = new ClaimsPrincipal(identity);
                if ((string?)context.Request["test_lifetime_seconds"] is { } seconds)
                {
                    principal.SetAccessTokenLifetime(TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)));
                }
                context.SignIn(principal);
                return default;
            }));
        });
        var app = builder.Build();
        app.UseAuthentication();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return new TestOidcProvider(app, baseAddress, issuer ?? baseAddress.AbsoluteUri);
    }

    /// <summary>An access token for <paramref name="pesel"/> (or none: <see cref="NoPesel"/>).</summary>
    public async Task<string> IssueAsync(string pesel, string? audience = null, int? lifetimeSeconds = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = pesel, ["password"] = "any" };
        if (audience is not null)
        {
            form["test_audience"] = audience;
        }
        if (lifetimeSeconds is not null)
        {
            form["test_lifetime_seconds"] = lifetimeSeconds.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        using var response = await _http.PostAsync(new Uri(BaseAddress, "connect/token"), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The test provider refused the token request: {(int)response.StatusCode} {body}");
        }
        return (string)System.Text.Json.Nodes.JsonNode.Parse(body)!["access_token"]!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
