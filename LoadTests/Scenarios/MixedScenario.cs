using Voting.LoadTests.Load;
using Voting.LoadTests.Workloads;

namespace Voting.LoadTests.Scenarios;

/// <summary>Votes, signatures and readers together on one gateway (default weights 6:2:2).</summary>
public static class MixedScenario
{
    public const string Name = "mixed";

    public static async Task<ScenarioPlan> BuildAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var votes = await context.VotesAsync(cancellationToken);
        var signatures = await context.SignaturesAsync(cancellationToken);
        var reads = new ReadWorkload(context.Api, votes.EditionId, signatures.InitiativeId);
        var w = context.Options.MixWeights ?? [6, 2, 2];
        var operation = Mix.Of((votes.ExecuteAsync, w[0]), (signatures.ExecuteAsync, w[1]), (reads.ExecuteAsync, w[2]));
        var profile = RateProfile.Parse("0:1500:10s,1500:1500:30s");
        return new ScenarioPlan(Name, operation, profile, votes, signatures);
    }
}
