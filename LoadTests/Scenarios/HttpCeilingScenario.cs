using Voting.LoadTests.Load;
using Voting.LoadTests.Workloads;

namespace Voting.LoadTests.Scenarios;

/// <summary>GET /health/live through the same gateway: the HTTP ceiling that vote throughput is compared to.</summary>
public static class HttpCeilingScenario
{
    public const string Name = "http-ceiling";

    public static Task<ScenarioPlan> BuildAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var ping = new PingWorkload(context.Api);
        return Task.FromResult(new ScenarioPlan(Name, ping.ExecuteAsync, RateProfile.Constant(5000, TimeSpan.FromSeconds(20))));
    }
}
