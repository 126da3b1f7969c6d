namespace Voting.Projects;

/// <summary>
/// One project of a participatory-budget edition: its definition (from the edition's pool) and
/// its live tally view. Key: <c>{editionId}/{projectId}</c> (see <see cref="BudgetProjectKey"/>).
/// </summary>
[Alias("voting.budget-project-grain")]
public interface IBudgetProjectGrain : IGrainWithStringKey
{
    /// <summary>The project with its tally when the edition's results are visible, or null when there is no such project.</summary>
    [Alias("get")]
    Task<ProjectView?> GetAsync();
}

/// <summary>A project as residents see it. <see cref="Votes"/> and <see cref="Score"/> are null while results are hidden.</summary>
[GenerateSerializer]
[Immutable]
[Alias("voting.project-view")]
public sealed record ProjectView(string EditionId, string ProjectId, string PoolId, string Title, long Cost, long? Votes, long? Score);

/// <summary>The grain key of a project: edition id and project id.</summary>
public static class BudgetProjectKey
{
    public static string Of(string editionId, string projectId) => editionId + "/" + projectId;

    public static (string EditionId, string ProjectId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, "") : (key[..slash], key[(slash + 1)..]);
    }
}
