using Voting.Editions;
using Voting.Grains.Editions;
using Voting.Grains.Storage;
using Voting.Projects;
using Voting.Storage;

namespace Voting.Grains.Projects;

/// <summary>
/// One project of an edition: its definition comes from the edition's pool, its tally from the
/// committed counters (summed over writers), shown only when the edition's results are visible.
/// </summary>
internal sealed class BudgetProjectGrain(IGrainStorage storage) : Grain, IBudgetProjectGrain
{
    public async Task<ProjectView?> GetAsync()
    {
        var (editionId, projectId) = BudgetProjectKey.Parse(this.GetPrimaryKeyString());
        var edition = await GrainFactory.GetGrain<IEditionGrain>(editionId).GetAsync();
        var pool = edition?.FindPoolOfProject(projectId);
        if (edition is null || pool is null)
        {
            return null;
        }
        var project = pool.Projects.First(p => p.Id == projectId);
        long? votes = null, score = null;
        if (edition.Phase != EditionPhase.Voting || edition.LiveResults)
        {
            var sums = await storage.SumCountersAsync(Tables.EditionCounters(editionId));
            votes = sums.GetValueOrDefault(Tally.VotesCounter(projectId));
            score = sums.GetValueOrDefault(Tally.ScoreCounter(projectId));
        }
        return new ProjectView(editionId, projectId, pool.Id, project.Title, project.Cost, votes, score);
    }
}
