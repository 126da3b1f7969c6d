using Voting.LoadTests.Load;

namespace Voting.LoadTests.Scenarios;

/// <summary>An initiative goes viral: a trickle of signatures ramps to a peak and holds.</summary>
public static class SignatureRushScenario
{
    public const string Name = "signature-rush";

    public static async Task<ScenarioPlan> BuildAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var signatures = await context.SignaturesAsync(cancellationToken);
        var profile = RateProfile.Parse("20:20:10s,20:3000:20s,3000:3000:30s,3000:100:10s");
        return new ScenarioPlan(Name, signatures.ExecuteAsync, profile, Signatures: signatures);
    }
}
