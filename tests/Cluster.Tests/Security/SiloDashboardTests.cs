using System.Net;
using Voting.Cluster.Tests.Failover;
using Voting.Cluster.Tests.Infrastructure;

namespace Voting.Cluster.Tests.Security;

/// <summary>
/// Issue 9, finding 7: a silo holds no admin token. Its Orleans Dashboard is served only on its
/// management port (Management:Urls, loopback), never on the HTTP port that Prometheus and the
/// probes reach.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class SiloDashboardTests(PostgresServer server)
{
    [Fact]
    public async Task Silo_without_an_admin_token_serves_the_dashboard_on_its_management_port_only()
    {
        await using var cluster = await LocalCluster.StartAsync(server, 1);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        var onManagementPort = await http.GetAsync(new Uri(cluster.SiloManagementUrl(1), "/dashboard/"), TestContext.Current.CancellationToken);
        var onPublicPort = await http.GetAsync(new Uri(cluster.SiloHttpUrl(1), "/dashboard/"), TestContext.Current.CancellationToken);
        var metrics = await http.GetAsync(new Uri(cluster.SiloHttpUrl(1), "/metrics"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, onManagementPort.StatusCode);
        Assert.Contains("<html", await onManagementPort.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, onPublicPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }
}
