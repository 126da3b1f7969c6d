namespace Voting.Grains.Rules;

/// <summary>The stable <c>rule</c> strings of <see cref="Voting.Editions.BallotError"/>.</summary>
public static class BallotRule
{
    public const string EmptyBallot = "empty-ballot";
    public const string UnknownProject = "unknown-project";
    public const string DuplicateProject = "duplicate-project";
    public const string PointsRequired = "points-required";
    public const string MinSelections = "min-selections";
    public const string MaxSelections = "max-selections";
    public const string MaxTotalCost = "max-total-cost";
    public const string MinPoints = "min-points";
    public const string MaxPoints = "max-points";
    public const string MaxPointsPerProject = "max-points-per-project";
    public const string OverBudget = "over-budget";
    public const string MinSpend = "min-spend";
    public const string MaxDistrictPools = "max-district-pools";
    public const string WrongDistrict = "wrong-district";
}
