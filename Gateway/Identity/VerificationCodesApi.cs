using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MimeKit;
using Voting.Gateway.Hosting;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;

namespace Voting.Gateway.Identity;

/// <summary><c>POST /api/v1/verification-codes</c> (<c>email-code</c> mode only): 202 whatever the PESEL; the code goes by e-mail.</summary>
public static class VerificationCodesApi
{
    public const int MaxEmailLength = 254;

    public static IEndpointRouteBuilder MapVerificationCodesApi(this IEndpointRouteBuilder routes)
    {
        if (!routes.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.IsEmailCode)
        {
            return routes;
        }
        var group = routes.MapGroup("/api/v1/verification-codes").WithTags("Identity").WithResidentRateLimit(routes);
        group.MapPost("", RequestCode);
        return routes;
    }

    /// <summary>
    /// The same 202 (no body) for a valid PESEL, an invalid one, a person who voted or not: the
    /// answer tells nothing about anyone. Only a body that is not a request at all is refused (400/415).
    /// </summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> RequestCode(HttpRequest request, EmailCodeVerifier codes)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, GatewayJsonContext.Default.VerificationCodeRequest);
        if (problem is not null)
        {
            return problem;
        }
        if (body!.Voter?.Pesel is not { } pesel)
        {
            return Problem.Malformed("The body has no 'voter.pesel'.");
        }
        if (NormalizedAddress(body.Email) is not { } email)
        {
            return Problem.Malformed("'email' is not an e-mail address.");
        }
        await codes.IssueAsync(pesel, email, CodeLanguage.Pick(body.Language, request.Headers.AcceptLanguage));
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>The bare address, lower case, or null when it is not one address.</summary>
    public static string? NormalizedAddress(string? email)
    {
        var trimmed = email?.Trim();
        if (trimmed is null || trimmed.Length is 0 or > MaxEmailLength
            || !MailboxAddress.TryParse(trimmed, out var parsed)
            || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal)
            || parsed.Address.IndexOf('@', StringComparison.Ordinal) is <= 0 || parsed.Address.EndsWith('@'))
        {
            return null;
        }
        return trimmed.ToLowerInvariant();
    }
}
