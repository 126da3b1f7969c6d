using Voting.LoadTests.Load;
using Voting.LoadTests.Workloads;

namespace Voting.LoadTests.Scenarios;

/// <summary>Many residents polling results and the edition while votes keep flowing (reads:votes = 4:1 by default).</summary>
public static class ResultsReadersScenario
{
    public const string Name = "results-readers";

    public static async Task<ScenarioPlan> BuildAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var votes = await context.VotesAsync(cancellationToken);
        var reads = new ReadWorkload(context.Api, votes.EditionId, null);
        var w = context.Options.MixWeights ?? [1, 0, 4];
        var operation = Mix.Of((votes.ExecuteAsync, w[0]), (reads.ExecuteAsync, w[2]));
        return new ScenarioPlan(Name, operation, RateProfile.Constant(2500, TimeSpan.FromSeconds(30)), Votes: votes);
    }
}
