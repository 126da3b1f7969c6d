using Voting.LoadTests.Load;

namespace Voting.LoadTests.Scenarios;

/// <summary>Closing-day peak: ramp unique voters to a peak arrival rate, ~1% exact duplicate re-sends.</summary>
public static class VotePeakScenario
{
    public const string Name = "vote-peak";

    public static async Task<ScenarioPlan> BuildAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var votes = await context.VotesAsync(cancellationToken);
        var profile = RateProfile.Parse("0:500:10s,500:2000:20s,2000:2000:30s,2000:0:10s");
        return new ScenarioPlan(Name, votes.ExecuteAsync, profile, Votes: votes);
    }
}
