using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Voting.Gateway.Identity;

public static class IdentitySetup
{
    /// <summary>Binds and validates <c>Identity</c> at start; in <c>oidc</c> mode adds the standard JwtBearer handler (discovery and keys fetched and cached by it); <c>email-code</c> mode needs no more here (the outbox sender runs with the silo).</summary>
    public static WebApplicationBuilder AddVoterIdentityModes(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        services.AddSingleton<VoterResolver>();
        services.AddSingleton<EmailCodeVerifier>();
        var configured = builder.Configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new IdentityOptions();
        if (!configured.IsOidc)
        {
            return builder;
        }
        var oidc = configured.Oidc;
        services.AddAuthentication().AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.Authority = oidc.Authority;
            o.Audience = oidc.Audience;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidAudience = oidc.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        return builder;
    }
}
