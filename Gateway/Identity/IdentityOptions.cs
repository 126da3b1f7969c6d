using Microsoft.Extensions.Options;

namespace Voting.Gateway.Identity;

/// <summary>How residents prove who they are (section <c>Identity</c>, API.md "Voter identity modes").</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";
    public const string PeselMode = "pesel";
    public const string OidcMode = "oidc";
    public const string EmailCodeMode = "email-code";

    /// <summary><c>pesel</c> (default): the PESEL in the body; <c>oidc</c>: a bearer token from the city's OpenID Connect provider; <c>email-code</c>: the PESEL and a one-time code sent by e-mail.</summary>
    public string Mode { get; set; } = PeselMode;

    public OidcIdentityOptions Oidc { get; set; } = new();

    /// <summary>Section <c>Identity:Smtp</c>: where <c>email-code</c> mode sends its codes.</summary>
    public Voting.Silo.Mail.SmtpOptions Smtp { get; set; } = new();

    public bool IsOidc => string.Equals(Mode, OidcMode, StringComparison.OrdinalIgnoreCase);

    public bool IsEmailCode => string.Equals(Mode, EmailCodeMode, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Section <c>Identity:Oidc</c>.</summary>
public sealed class OidcIdentityOptions
{
    /// <summary>The issuer; its discovery document and signing keys are fetched from it.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience access tokens must be issued for (the voting API).</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that carries the PESEL.</summary>
    public string PeselClaim { get; set; } = "pesel";

    /// <summary>False only for an issuer on plain HTTP (local test providers).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary>Rules across fields; each failure names its key.</summary>
internal sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var failures = new List<string>();
        if (options.IsEmailCode)
        {
            failures.AddRange(options.Smtp.Problems($"when {IdentityOptions.Section}:Mode is '{IdentityOptions.EmailCodeMode}' (the codes go by e-mail)"));
        }
        else if (!options.IsOidc && !string.Equals(options.Mode, IdentityOptions.PeselMode, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{IdentityOptions.Section}:Mode '{options.Mode}' is not a mode; use '{IdentityOptions.PeselMode}', '{IdentityOptions.OidcMode}' or '{IdentityOptions.EmailCodeMode}'.");
        }
        if (options.IsOidc)
        {
            if (!Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{IdentityOptions.Section}:Oidc:Authority must be the absolute URL of the OpenID Connect issuer when {IdentityOptions.Section}:Mode is '{IdentityOptions.OidcMode}'.");
            }
            else if (authority.Scheme == Uri.UriSchemeHttp && options.Oidc.RequireHttpsMetadata)
            {
                failures.Add($"{IdentityOptions.Section}:Oidc:Authority is plain HTTP; use HTTPS, or set {IdentityOptions.Section}:Oidc:RequireHttpsMetadata to false for a local test provider.");
            }
            if (string.IsNullOrWhiteSpace(options.Oidc.Audience))
            {
                failures.Add($"{IdentityOptions.Section}:Oidc:Audience is required when {IdentityOptions.Section}:Mode is '{IdentityOptions.OidcMode}'.");
            }
            if (string.IsNullOrWhiteSpace(options.Oidc.PeselClaim))
            {
                failures.Add($"{IdentityOptions.Section}:Oidc:PeselClaim must name a claim.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
