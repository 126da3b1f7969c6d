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
        // Indexed loops: this runs for every ballot, and LINQ or foreach over IReadOnlyList (a boxed
        // enumerator each) cost more allocations here than the ballot itself.
        var projects = ProjectIndex.Of(edition.Pools);
        Span<int> poolOf = selections.Count <= 64 ? stackalloc int[selections.Count] : new int[selections.Count];
        for (var s = 0; s < selections.Count; s++)
        {
            poolOf[s] = projects.TryFind(selections[s].ProjectId, out var pool, out _) ? pool : -1;
        }
        var canonical = new List<Selection>(selections.Count);
        for (var p = 0; p < edition.Pools.Count; p++)
        {
            var pool = edition.Pools[p];
            var start = canonical.Count;
            var keepPoints = pool.Ballot.Type == BallotType.Cumulative;
            for (var s = 0; s < selections.Count; s++)
            {
                var selection = selections[s];
                if (poolOf[s] == p)
                {
                    canonical.Add(keepPoints || selection.Points is null ? selection : new Selection(selection.ProjectId));
                }
            }
            if (pool.Ballot.Type != BallotType.Ordinal)
            {
                SortByProject(canonical, start);
            }
        }
        for (var s = 0; s < selections.Count; s++)
        {
            if (poolOf[s] < 0)
            {
                canonical.Add(selections[s]);
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
