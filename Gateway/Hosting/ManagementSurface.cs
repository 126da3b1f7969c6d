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
    private const string Realm = "Basic realm=\"voting-management\", charset=\"UTF-8\"";

    private static readonly string[] Paths = ["/metrics", "/ops", DashboardExtensions.Path];

    public static WebApplication UseManagementSurface(this WebApplication app)
    {
        var ports = ManagementPorts.Ports(app.Configuration);
        if (ports.Count > 0)
        {
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
}
