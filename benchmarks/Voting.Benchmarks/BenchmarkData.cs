using Voting.Editions;

namespace Voting.Benchmarks;

/// <summary>The vote the benchmarks cast: the load driver's kind of edition (an ordinal city pool, an approval district pool) and a valid ballot of it.</summary>
internal static class BenchmarkData
{
    public const string Body = """{"voter":{"pesel":"90051712345","district":"d1"},"selections":[{"projectId":"c3"},{"projectId":"c1"},{"projectId":"c7"},{"projectId":"d1-2"},{"projectId":"d1-5"}]}""";

    public static readonly IReadOnlyList<Selection> Selections =
        [new("c3"), new("c1"), new("c7"), new("d1-2"), new("d1-5")];

    public static readonly DateOnly BirthDate = new(1990, 5, 17);

    /// <summary>Open now: phase voting, window from a day ago to a day ahead of <paramref name="now"/>.</summary>
    public static Edition Edition(string id, DateTimeOffset now) => new()
    {
        Id = id,
        Name = "Benchmark",
        Phase = EditionPhase.Voting,
        VotingOpensAt = now.AddDays(-1),
        VotingClosesAt = now.AddDays(1),
        LiveResults = true,
        Pools =
        [
            Pool("city", PoolKind.City, 6_400_000, new BallotSpec { Type = BallotType.Ordinal, MinSelections = 3, MaxSelections = 3, Points = [3, 2, 1] }, "c", 14),
            Pool("d1", PoolKind.District, 1_000_000, new BallotSpec { Type = BallotType.Approval, MinSelections = 1, MaxSelections = 5, MaxTotalCost = 900_000 }, "d1-", 10),
        ],
    };

    /// <summary><paramref name="count"/> distinct valid PESELs (born 1930–1989, serials 0000–9999).</summary>
    public static string[] Pesels(int count)
    {
        int[] weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
        var pesels = new string[count];
        for (var n = 0; n < count; n++)
        {
            var born = new DateOnly(1930, 1, 1).AddDays(n / 10_000 % 21_900);
            var body = $"{born.Year % 100:D2}{born.Month:D2}{born.Day:D2}{n % 10_000:D4}";
            var sum = 0;
            for (var i = 0; i < 10; i++)
            {
                sum += weights[i] * (body[i] - '0');
            }
            pesels[n] = body + ((10 - (sum % 10)) % 10);
        }
        return pesels;
    }

    private static Pool Pool(string id, string kind, long budget, BallotSpec ballot, string prefix, int projects) => new()
    {
        Id = id,
        Name = id,
        Kind = kind,
        Budget = budget,
        Ballot = ballot,
        Projects = [.. Enumerable.Range(1, projects).Select(i => new Project { Id = $"{prefix}{i}", Cost = 50_000 + (i * 10_000) })],
    };
}
