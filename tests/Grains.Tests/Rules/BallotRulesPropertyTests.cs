using FsCheck;
using FsCheck.Fluent;
using Voting.Editions;
using Voting.Grains.Rules;
using Xunit;
using static Voting.Grains.Tests.Rules.TestEditions;

namespace Voting.Grains.Tests.Rules;

public sealed class BallotRulesPropertyTests
{
    [Fact]
    public void Validate_GeneratedValidBallots_AcceptedAndBrokenOnesRejectedWithTheRule()
    {
        var gen =
            from type in FsCheck.Fluent.Gen.Elements(BallotType.Approval, BallotType.Ordinal, BallotType.Cumulative, BallotType.Knapsack)
            from costs in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(1, 50), 6)
            from order in FsCheck.Fluent.Gen.Shuffle(Enumerable.Range(0, 6))
            from count in FsCheck.Fluent.Gen.Choose(1, 3)
            from points in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(1, 3), 3)
            from districtPick in FsCheck.Fluent.Gen.Elements(true, false)
            from breakage in FsCheck.Fluent.Gen.Choose(0, 4)
            select (type, costs, order, count, points, districtPick, breakage);

        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var spec = t.type switch
            {
                BallotType.Approval => Approval(min: 1, max: 3),
                BallotType.Ordinal => Ordinal(1, 3, 3, 2, 1),
                BallotType.Cumulative => Cumulative(minPoints: 1, maxPoints: 9, perProject: 3),
                _ => Knapsack(),
            };
            var city = Pool("city", spec, [.. t.costs.Select((c, i) => ($"c{i}", (long)c))], budget: t.costs.Sum());
            var districts = new[] { "A", "B" }.Select(d => Pool($"d{d}", Approval(max: 1), [($"{d}1", 5)],
                kind: PoolKind.District, district: d)).ToArray();
            var edition = Edition(1, true, [city, .. districts]);

            List<Selection> valid = [.. t.order.Take(t.count).Select((p, i) => new Selection($"c{p}", t.points[i]))];
            if (t.districtPick)
            {
                valid.Add(new Selection("A1"));
            }

            var (broken, rule) = t.breakage switch
            {
                0 => (valid.Append(valid[0]).ToList(), BallotRule.DuplicateProject),
                1 => (valid.Append(new Selection("nope")).ToList(), BallotRule.UnknownProject),
                2 => (valid.Where(s => s.ProjectId != "A1").Append(new Selection("A1")).Append(new Selection("B1")).ToList(), BallotRule.MaxDistrictPools),
                3 => ([], BallotRule.EmptyBallot),
                _ => (valid.Where(s => s.ProjectId != "A1").Append(new Selection("B1")).ToList(), BallotRule.WrongDistrict),
            };
            var acceptedErrors = BallotRules.Validate(edition, valid, "A");
            var rejectedRules = BallotRules.Validate(edition, broken, t.breakage == 4 ? "A" : "a").Select(e => e.Rule).ToList();
            return (acceptedErrors.Count == 0 && rejectedRules.Contains(rule))
                .Label($"accepted: [{string.Join(",", acceptedErrors.Select(e => e.Rule))}] rejected: [{string.Join(",", rejectedRules)}]");
        }).QuickCheckThrowOnFailure();
    }
}
