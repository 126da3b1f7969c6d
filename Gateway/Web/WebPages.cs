using System.Text.Json.Nodes;
using Microsoft.Extensions.FileProviders;
using Voting.Gateway.Identity;

namespace Voting.Gateway.Web;

/// <summary>
/// The resident pages (<c>/</c>) and the clerk console (<c>/admin/</c>): static files from the
/// gateway's <c>wwwroot</c> that call only the public API. <c>/config.json</c> tells them the
/// identity mode and which editions and initiatives to list (the API has no list of them).
/// <c>Web:Enabled=false</c> turns all of it off (404) for cities with their own frontend.
/// </summary>
public static class WebPages
{
    public const string EnabledKey = "Web:Enabled";
    public const string EditionsKey = "Web:Editions";
    public const string InitiativesKey = "Web:Initiatives";
    public const string OidcClientIdKey = "Web:Oidc:ClientId";
    public const string OidcScopeKey = "Web:Oidc:Scope";

    public static WebApplication UseVotingPages(this WebApplication app)
    {
        if (!app.Configuration.GetValue(EnabledKey, true))
        {
            return app;
        }
        // Next to the assembly (build and publish output alike), so the pages do not depend on the working directory.
        var folder = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        IFileProvider files = Directory.Exists(folder) ? new PhysicalFileProvider(folder) : app.Environment.WebRootFileProvider;
        var config = ConfigJson(app.Configuration);
        var policy = ContentSecurityPolicy(app.Configuration);
        app.UseWhen(context => IsPage(context.Request.Path), branch => branch.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-cache"; // revalidate (ETag) so that an upgrade never mixes old and new modules
            return next(context);
        }));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapGet("/config.json", () => TypedResults.Text(config, "application/json")).ExcludeFromDescription();
        return app;
    }

    private static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/metrics")
        && !path.StartsWithSegments("/ops") && !path.StartsWithSegments("/dashboard");

    /// <summary>Scripts, styles, images and API calls from this origin only; the OIDC issuer too in <c>oidc</c> mode (discovery and token requests).</summary>
    private static string ContentSecurityPolicy(IConfiguration configuration)
    {
        var connect = "'self'";
        if (Uri.TryCreate(configuration[$"{IdentityOptions.Section}:Oidc:Authority"], UriKind.Absolute, out var authority))
        {
            connect += " " + authority.GetLeftPart(UriPartial.Authority);
        }
        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src {connect}; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private static string ConfigJson(IConfiguration configuration)
    {
        var mode = configuration[$"{IdentityOptions.Section}:Mode"];
        var json = new JsonObject
        {
            ["identityMode"] = string.IsNullOrWhiteSpace(mode) ? IdentityOptions.PeselMode : mode.Trim().ToLowerInvariant(),
            ["editions"] = List(configuration[EditionsKey]),
            ["initiatives"] = List(configuration[InitiativesKey]),
        };
        if (configuration[$"{IdentityOptions.Section}:Oidc:Authority"] is { Length: > 0 } authority)
        {
            json["oidc"] = new JsonObject
            {
                ["authority"] = authority,
                ["clientId"] = configuration[OidcClientIdKey] ?? "",
                ["scope"] = configuration[OidcScopeKey] ?? "openid",
            };
        }
        return json.ToJsonString();
    }

    private static JsonArray List(string? value) =>
        new((value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id => (JsonNode)id).ToArray());
}
