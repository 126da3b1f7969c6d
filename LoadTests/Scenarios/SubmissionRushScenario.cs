using Voting.LoadTests.Load;

namespace Voting.LoadTests.Scenarios;

/// <summary>The last days of the submission phase: authors file proposals while supporters pile onto them.</summary>
public static class SubmissionRushScenario
{
    public const string Name = "submission-rush";

    public static async Task<ScenarioPlan> BuildAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var proposals = await context.ProposalsAsync(cancellationToken);
        var profile = RateProfile.Parse("20:20:5s,20:1000:10s,1000:1000:20s,1000:50:5s");
        return new ScenarioPlan(Name, proposals.ExecuteAsync, profile, Proposals: proposals);
    }
}
