using System.Text;
using Voting.Gateway.Admin;
using Voting.Gateway.Problems;
using Voting.Silo.Hosting;

namespace Voting.Gateway.Hosting;

/// <summary>
/// The management surface (<c>/metrics</c>, <c>/ops</c>, <c>/dashboard</c>) is never public. With
/// <c>Management:Urls</c> (e.g. <c>http://0.0.0.0:9464</c>) the gateway also listens there and
/// serves these paths only on those ports (404 on the public port; the dashboard keeps its token).
/// Without it they need the admin token: <c>Authorization: Bearer</c>, or HTTP Basic with the
/// token as password so that a browser asks for it.
/// </summary>
public static class ManagementSurface
{
    public const string UrlsKey = "Management:Urls";
    private const string Realm = "Basic realm=\"voting-management\", charset=\"UTF-8\"";

    private static readonly string[] Paths = ["/metrics", "/ops", DashboardExtensions.Path];

    public static string[] Urls(IConfiguration configuration) =>
        (configuration[UrlsKey] ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The public URLs (<c>urls</c>, default <paramref name="defaultUrl"/>) and the management URLs.</summary>
    public static void ListenOn(WebApplicationBuilder builder, string defaultUrl)
    {
        var management = Urls(builder.Configuration);
        var configured = builder.Configuration["urls"];
        if (management.Length == 0)
        {
            if (string.IsNullOrEmpty(configured))
            {
                builder.WebHost.UseUrls(defaultUrl);
            }
            return;
        }
        var publicUrls = string.IsNullOrEmpty(configured) ? [defaultUrl] : configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.WebHost.UseUrls([.. publicUrls, .. management]);
    }

    public static WebApplication UseManagementSurface(this WebApplication app)
    {
        var management = Urls(app.Configuration);
        if (management.Length > 0)
        {
            var ports = management.Select(PortOf).ToHashSet();
            app.UseWhen(context => IsManagement(context.Request.Path) && !ports.Contains(context.Connection.LocalPort),
                branch => branch.Run(context => Problem.Of(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found.", "No such resource.").ExecuteAsync(context)));
            return app;
        }
        var expected = Encoding.UTF8.GetBytes(app.Services.GetRequiredService<AdminToken>().Value);
        app.UseWhen(context => IsManagement(context.Request.Path) && !context.Request.Path.StartsWithSegments(DashboardExtensions.Path),
            branch => branch.Use(async (context, next) =>
            {
                if (DashboardExtensions.Presents(context.Request.Headers.Authorization.ToString(), expected))
                {
                    await next(context);
                    return;
                }
                context.Response.Headers.WWWAuthenticate = Realm;
                await Problem.Of(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Admin token missing or wrong.",
                    "The management surface needs the admin token (Bearer, or the password of HTTP Basic), or Management:Urls.").ExecuteAsync(context);
            }));
        return app;
    }

    private static bool IsManagement(PathString path) => Paths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static int PortOf(string url)
    {
        var normalized = url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri)
            ? uri.Port
            : throw new InvalidOperationException($"{UrlsKey}: '{url}' is not a URL with a port.");
    }
}
