namespace Voting.Silo.Hosting;

/// <summary>
/// <c>Management:Urls</c>: extra listening URLs (e.g. <c>http://127.0.0.1:9090</c>) that serve the
/// management surface (<c>/metrics</c>, <c>/ops</c>, <c>/dashboard</c>) apart from the public URLs.
/// Requests are told apart by the local port they arrived on, never by a Host header.
/// </summary>
public static class ManagementPorts
{
    public const string UrlsKey = "Management:Urls";

    public static string[] Urls(IConfiguration configuration) =>
        (configuration[UrlsKey] ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The local ports of <c>Management:Urls</c> (empty when unset).</summary>
    public static HashSet<int> Ports(IConfiguration configuration) => Urls(configuration).Select(PortOf).ToHashSet();

    /// <summary>Listens on the public URLs (<c>urls</c>, default <paramref name="defaultUrl"/>) and the management URLs.</summary>
    public static void ListenOn(WebApplicationBuilder builder, string defaultUrl)
    {
        var management = Urls(builder.Configuration);
        var configured = builder.Configuration["urls"];
        string[] publicUrls = string.IsNullOrEmpty(configured) ? [defaultUrl] : configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (management.Length > 0 || string.IsNullOrEmpty(configured))
        {
            builder.WebHost.UseUrls([.. publicUrls, .. management]);
        }
    }

    private static int PortOf(string url)
    {
        var normalized = url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri)
            ? uri.Port
            : throw new InvalidOperationException($"{UrlsKey}: '{url}' is not a URL with a port.");
    }
}
