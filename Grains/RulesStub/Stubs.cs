// TEMPORARY: replaced by Grains/Rules from the rules branch.
using Voting.Editions;
using Voting.Results;

namespace Voting.Grains.Rules;

public readonly record struct PeselInfo(DateOnly BirthDate, bool IsFemale);

public static class Pesel
{
    public static bool TryParse(string? text, out PeselInfo info)
    {
        info = default;
        if (text is null || text.Length != 11 || !text.All(char.IsAsciiDigit)) { return false; }
        int[] w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
        var sum = 0;
        for (var i = 0; i < 10; i++) { sum += w[i] * (text[i] - '0'); }
        if ((10 - sum % 10) % 10 != text[10] - '0') { return false; }
        var yy = int.Parse(text[..2]); var mm = int.Parse(text[2..4]); var dd = int.Parse(text[4..6]);
        var century = (mm / 20) switch { 0 => 1900, 1 => 2000, 2 => 2100, 3 => 2200, _ => 1800 };
        mm %= 20;
        if (mm < 1 || mm > 12 || dd < 1 || dd > DateTime.DaysInMonth(century + yy, mm)) { return false; }
        info = new PeselInfo(new DateOnly(century + yy, mm, dd), (text[9] - '0') % 2 == 0);
        return true;
    }

    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        if (day.Month < birthDate.Month || (day.Month == birthDate.Month && day.Day < birthDate.Day)) { age--; }
        return age;
    }
}

public sealed class VoterKeyDeriver(byte[] secret)
{
    public string Derive(string pesel) => Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(secret, System.Text.Encoding.UTF8.GetBytes(pesel)));
}

public sealed record ScoredPick(string PoolId, string ProjectId, long Points);

public static class BallotRules
{
    public static IReadOnlyList<BallotError> Validate(Edition edition, IReadOnlyList<Selection> selections, string? voterDistrict) =>
        selections.Count == 0 ? [new BallotError(null, "empty-ballot", "no selections")] :
        selections.Where(s => edition.FindPoolOfProject(s.ProjectId) is null).Select(s => new BallotError(null, "unknown-project", s.ProjectId)).ToList();
}

public static class BallotScoring
{
    public static IReadOnlyList<ScoredPick> Score(Edition edition, IReadOnlyList<Selection> selections)
    {
        var picks = new List<ScoredPick>();
        var rank = new Dictionary<string, int>();
        foreach (var s in selections)
        {
            var pool = edition.FindPoolOfProject(s.ProjectId)!;
            var i = rank.GetValueOrDefault(pool.Id); rank[pool.Id] = i + 1;
            long points = pool.Ballot.Type switch { BallotType.Ordinal => pool.Ballot.Points![i], BallotType.Cumulative => s.Points ?? 0, _ => 1 };
            picks.Add(new ScoredPick(pool.Id, s.ProjectId, points));
        }
        return picks;
    }
}

public static class GreedyAllocation
{
    public static PoolResult Allocate(Pool pool, IReadOnlyCollection<ProjectTally> tallies)
    {
        var ranked = pool.Projects.Select(p => tallies.FirstOrDefault(t => t.ProjectId == p.Id) ?? new ProjectTally(p.Id, p.Cost, 0, 0))
            .OrderByDescending(t => t.Score).ThenByDescending(t => t.Votes).ThenBy(t => t.Cost).ThenBy(t => t.ProjectId, StringComparer.Ordinal).ToList();
        var left = pool.Budget; var results = new List<ProjectResult>();
        foreach (var t in ranked)
        {
            var sel = t.Votes >= pool.MinVotesToWin && t.Cost <= left;
            if (sel) { left -= t.Cost; }
            results.Add(new ProjectResult(t.ProjectId, t.Cost, t.Votes, t.Score, sel));
        }
        return new PoolResult(pool.Id, pool.Budget, pool.Method, pool.Budget - left, results);
    }
}

public static class EqualShares
{
    public static PoolResult Allocate(Pool pool, IReadOnlyCollection<ProjectTally> tallies, IReadOnlyList<IReadOnlyList<ScoredPick>> ballots) => GreedyAllocation.Allocate(pool, tallies);
}
