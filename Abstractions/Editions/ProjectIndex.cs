using System.Runtime.CompilerServices;

namespace Voting.Editions;

/// <summary>
/// Where each project of an edition is, by id: the position of its pool and the project. Built once
/// per pool list and kept as long as that list lives (an edition is immutable; a changed edition has
/// a new list), so a ballot's picks are looked up instead of searched for through every pool: a
/// Warsaw ballot has up to 25 picks among hundreds of projects. Project ids are unique in a valid
/// edition; where one is not (yet), the first pool in order wins, as a search would have found.
/// </summary>
public sealed class ProjectIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<Pool>, ProjectIndex> Built = new();

    private readonly Dictionary<string, (int Pool, Project Project)> _byId;

    private ProjectIndex(IReadOnlyList<Pool> pools)
    {
        _byId = new Dictionary<string, (int, Project)>(StringComparer.Ordinal);
        for (var p = 0; p < pools.Count; p++)
        {
            var projects = pools[p].Projects;
            for (var i = 0; i < projects.Count; i++)
            {
                _byId.TryAdd(projects[i].Id, (p, projects[i]));
            }
        }
    }

    public static ProjectIndex Of(IReadOnlyList<Pool> pools) => Built.GetValue(pools, static pools => new ProjectIndex(pools));

    /// <summary>The position of the project's pool in the edition's pools, and the project; false for an id not in the edition.</summary>
    public bool TryFind(string projectId, out int pool, out Project project)
    {
        if (_byId.TryGetValue(projectId, out var found))
        {
            (pool, project) = found;
            return true;
        }
        (pool, project) = (-1, null!);
        return false;
    }
}
