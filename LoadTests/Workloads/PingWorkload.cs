using Voting.LoadTests.Http;
using Voting.LoadTests.Load;

namespace Voting.LoadTests.Workloads;

/// <summary><c>GET /health/live</c>: touches no dependency, so it measures the gateway's bare HTTP ceiling.</summary>
public sealed class PingWorkload(ApiClient api)
{
    public async Task<Outcome> ExecuteAsync(long index, CancellationToken cancellationToken)
    {
        var response = await api.GetAsync("/health/live", cancellationToken);
        return new Outcome("health-live", response.Status, response.Code, response.Status == 200);
    }
}
