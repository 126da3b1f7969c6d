using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Voting.Gateway.Hosting;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Gateway.Voters;

namespace Voting.Gateway.Identity;

/// <summary>
/// The one place a resident request becomes a voter, in every identity mode: in <c>pesel</c> mode
/// from the body; in <c>oidc</c> mode from the PESEL claim of a validated bearer token (a body PESEL
/// must then match it); in <c>email-code</c> mode from the body's PESEL confirmed by its one-time
/// code (<see cref="EmailCodeVerifier"/>). Paper-channel (admin) requests do not come here.
/// </summary>
public sealed class VoterResolver(VoterIdentity identity, IOptions<IdentityOptions> options, IOptionsMonitor<JwtBearerOptions> bearer, EmailCodeVerifier codes, VoterFailureLimiter failures)
{
    private readonly IdentityOptions _options = options.Value;

    /// <summary>
    /// Reads a resident request's JSON body, then the voter it speaks for (<paramref name="voterOf"/>
    /// picks the body member named <paramref name="part"/>): the body and voter, or the problem to
    /// answer (nothing is recorded then). The body is read first in every mode.
    /// </summary>
    public async Task<(T Body, Voter Voter, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, Func<T, ResidentVoterDto?> voterOf, string part)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, typeInfo);
        if (problem is not null)
        {
            return (default!, default!, problem);
        }
        var (voter, unidentified) = _options.IsEmailCode
            ? await codes.ConfirmAsync(request.HttpContext, voterOf(body!), part, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body!, typeInfo))
            : await ResolveAsync(request.HttpContext, voterOf(body!), part);
        // A known voter (also one whose one-time code was refused) has its failed attempts counted.
        if (voter.Key is not null && failures.Admit(request.HttpContext, voter.Key) is { } blocked)
        {
            return (body!, voter, RateLimitingSetup.RateLimited(request.HttpContext, blocked));
        }
        return (body!, voter, unidentified);
    }

    /// <summary>The voter, or the problem to answer (nothing is recorded then). <paramref name="part"/> names the body member ("voter", "author").</summary>
    private async Task<(Voter Voter, ProblemHttpResult? Problem)> ResolveAsync(HttpContext context, ResidentVoterDto? body, string part)
    {
        if (!_options.IsOidc)
        {
            if (body?.Pesel is not { } pesel)
            {
                return (default, Problem.Malformed($"The body has no '{part}.pesel'."));
            }
            return identity.TryResolve(pesel, out var voter) ? (voter, null) : (default, Problem.InvalidPesel());
        }
        var authenticated = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (authenticated.Failure is not null && await AuthorityUnreachableAsync(context))
        {
            // The authority's discovery document or keys could not be fetched: nothing can be decided, nothing was recorded.
            return (default, Problem.Unavailable(context, "The sign-in service could not be reached to check the access token. Nothing was recorded; retry."));
        }
        var claimed = authenticated.Succeeded ? authenticated.Principal?.FindFirst(_options.Oidc.PeselClaim)?.Value : null;
        if (claimed is null || !identity.TryResolve(claimed, out var signedIn))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return (default, Problem.IdentityRequired());
        }
        if (body?.Pesel is { } stated && !string.Equals(stated, claimed, StringComparison.Ordinal))
        {
            return (default, Problem.InvalidPesel());
        }
        return (signedIn, null);
    }

    /// <summary>The handler validates against no keys when the discovery document cannot be fetched; ask its (caching) configuration manager.</summary>
    private async Task<bool> AuthorityUnreachableAsync(HttpContext context)
    {
        if (bearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is not { } manager)
        {
            return false;
        }
        try
        {
            await manager.GetConfigurationAsync(context.RequestAborted);
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            return true;
        }
    }
}
