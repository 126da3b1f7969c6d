using Voting.Editions;

namespace Voting.Grains.Pabulib;

/// <summary>The points each pick of a ballot scores in a pool: rank points (ordinal), given points (cumulative), else 1.</summary>
internal static class ExportPoints
{
    public static int Of(BallotSpec ballot, Selection selection, int rank) => ballot.Type switch
    {
        BallotType.Ordinal => ballot.Points is { } points && rank < points.Count ? points[rank] : 0,
        BallotType.Cumulative => selection.Points ?? 0,
        _ => 1,
    };

    /// <summary>The ballot's picks in <paramref name="pool"/>, in ballot order.</summary>
    public static List<Selection> InPool(Pool pool, ExportBallot ballot) =>
        ballot.Selections.Where(s => pool.Projects.Any(p => p.Id == s.ProjectId)).ToList();
}
