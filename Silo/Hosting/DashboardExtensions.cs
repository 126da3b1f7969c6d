using System.Security.Cryptography;
using System.Text;
using Orleans.Dashboard;

namespace Voting.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>, never public. In embedded mode it is behind the admin
/// token (<c>Authorization: Bearer &lt;token&gt;</c>, or HTTP Basic with the token as password so that
/// a browser asks for it). A cluster silo holds no admin token: it serves the dashboard only on its
/// <c>Management:Urls</c> ports (bind them to loopback and use <c>kubectl port-forward</c>), and not
/// at all without them.
/// </summary>
public static class DashboardExtensions
{
    public const string Path = "/dashboard";
    private const string Realm = "Basic realm=\"voting-dashboard\", charset=\"UTF-8\"";

    /// <summary>The dashboard's grain-call statistics on this silo (live log streaming off).</summary>
    public static ISiloBuilder AddVotingDashboard(this ISiloBuilder silo) => silo.AddDashboard(o => o.HideTrace = true);

    /// <summary>A cluster silo: the dashboard only on the <c>Management:Urls</c> ports (404 elsewhere); nothing without them.</summary>
    public static WebApplication MapSiloDashboard(this WebApplication app)
    {
        var ports = ManagementPorts.Ports(app.Configuration);
        if (ports.Count == 0 || !VotingSiloExtensions.ReadSiloOptions(app.Configuration).Dashboard)
        {
            return app;
        }
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path) && !ports.Contains(context.Connection.LocalPort),
            branch => branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        app.MapOrleansDashboard(routePrefix: Path);
        return app;
    }

    /// <summary>Embedded mode: maps the dashboard behind <paramref name="adminToken"/>.</summary>
    public static WebApplication MapVotingDashboard(this WebApplication app, string adminToken)
    {
        if (!VotingSiloExtensions.ReadSiloOptions(app.Configuration).Dashboard)
        {
            return app;
        }
        var expected = Encoding.UTF8.GetBytes(adminToken);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (context, next) =>
        {
            if (Presents(context.Request.Headers.Authorization.ToString(), expected))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = Realm;
        }));
        app.MapOrleansDashboard(routePrefix: Path);
        return app;
    }

    /// <summary>True when the header carries the token (Bearer, or Basic with any user name); compared in constant time.</summary>
    public static bool Presents(string authorization, byte[] expected)
    {
        string? token = null;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = authorization["Bearer ".Length..].Trim();
        }
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                token = pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..];
            }
            catch (FormatException)
            {
                return false;
            }
        }
        return token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), expected);
    }
}
