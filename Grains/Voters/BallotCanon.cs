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
        var canonical = new List<Selection>(selections.Count);
        foreach (var pool in edition.Pools)
        {
            var inPool = selections.Where(s => pool.Projects.Any(p => p.Id == s.ProjectId));
            if (pool.Ballot.Type != BallotType.Ordinal)
            {
                inPool = inPool.OrderBy(s => s.ProjectId, StringComparer.Ordinal);
            }
            var keepPoints = pool.Ballot.Type == BallotType.Cumulative;
            canonical.AddRange(inPool.Select(s => new Selection(s.ProjectId, keepPoints ? s.Points : null)));
        }
        canonical.AddRange(selections.Where(s => edition.FindPoolOfProject(s.ProjectId) is null));
        return canonical;
    }

    public static bool AreSame(IReadOnlyList<Selection> a, IReadOnlyList<Selection> b) => a.SequenceEqual(b);
}
