using Voting.Editions;

namespace Voting.Grains.Voters;

/// <summary>
/// The canonical form of a ballot: picks grouped by pool in edition order, rank order kept for
/// ordinal pools and project order otherwise, points kept only where they count (cumulative).
/// Two requests with the same canonical ballot are the same ballot.
/// </summary>
public static class BallotCanon
{
    public static IReadOnlyList<Selection> Normalize(Edition edition, IReadOnlyList<Selection> selections)
    {
        // Plain loops: this runs for every ballot, and LINQ here cost more allocations than the ballot itself.
        var canonical = new List<Selection>(selections.Count);
        foreach (var pool in edition.Pools)
        {
            var start = canonical.Count;
            var keepPoints = pool.Ballot.Type == BallotType.Cumulative;
            foreach (var selection in selections)
            {
                if (Contains(pool, selection.ProjectId))
                {
                    canonical.Add(keepPoints || selection.Points is null ? selection : new Selection(selection.ProjectId));
                }
            }
            if (pool.Ballot.Type != BallotType.Ordinal)
            {
                SortByProject(canonical, start);
            }
        }
        foreach (var selection in selections)
        {
            if (edition.FindPoolOfProject(selection.ProjectId) is null)
            {
                canonical.Add(selection);
            }
        }
        return canonical;
    }

    public static bool AreSame(IReadOnlyList<Selection> a, IReadOnlyList<Selection> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Contains(Pool pool, string projectId)
    {
        foreach (var project in pool.Projects)
        {
            if (project.Id == projectId)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A stable insertion sort by project id (ordinal) of <paramref name="list"/> from <paramref name="start"/>: a pool's picks are few.</summary>
    private static void SortByProject(List<Selection> list, int start)
    {
        for (var i = start + 1; i < list.Count; i++)
        {
            var item = list[i];
            var j = i - 1;
            while (j >= start && string.CompareOrdinal(list[j].ProjectId, item.ProjectId) > 0)
            {
                list[j + 1] = list[j];
                j--;
            }
            list[j + 1] = item;
        }
    }
}
