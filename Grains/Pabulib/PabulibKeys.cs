namespace Voting.Grains.Pabulib;

/// <summary>The META keys and vote types this project reads and writes.</summary>
internal static class PabulibKeys
{
    public const string Description = "description";
    public const string Country = "country";
    public const string Unit = "unit";
    public const string Subunit = "subunit";
    public const string Instance = "instance";
    public const string District = "district";
    public const string NumProjects = "num_projects";
    public const string NumVotes = "num_votes";
    public const string Budget = "budget";
    public const string VoteType = "vote_type";
    public const string Rule = "rule";
    public const string DateBegin = "date_begin";
    public const string DateEnd = "date_end";
    public const string MinLength = "min_length";
    public const string MaxLength = "max_length";
    public const string MinSumPoints = "min_sum_points";
    public const string MaxSumPoints = "max_sum_points";
    public const string MaxPoints = "max_points";
    public const string MaxSumCost = "max_sum_cost";

    /// <summary>Not in the pabulib standard: knapsack ballots' minimum spend, in percent of the budget.</summary>
    public const string MinSpendPercent = "min_spend_percent";

    /// <summary>Not in the pabulib standard: the pool id, written on export so ids survive a round trip.</summary>
    public const string PoolId = "pool_id";

    public const string ChooseOne = "choose-1";
    public const string RuleGreedy = "greedy";
    public const string RuleEqualShares = "equalshares/add1";
}
