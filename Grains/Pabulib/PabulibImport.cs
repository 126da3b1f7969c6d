using System.Globalization;
using Voting.Editions;

namespace Voting.Grains.Pabulib;

/// <summary>Turns a parsed pabulib file into an edition in phase voting (one pool per section) and its ballots.</summary>
public static class PabulibImport
{
    /// <summary>Maps <paramref name="doc"/> onto an edition whose voting window is <paramref name="opensAt"/>..<paramref name="closesAt"/>.</summary>
    public static PabulibImportResult ToEdition(
        PabulibDocument doc, string editionId, DateTimeOffset opensAt, DateTimeOffset closesAt)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentException.ThrowIfNullOrWhiteSpace(editionId);
        if (doc.Sections.Count == 0)
        {
            throw new PabulibFormatException("The file has no META section.");
        }
        var projectCount = doc.Sections.Sum(s => s.Projects.Count);
        if (projectCount > PabulibLimits.MaxProjects)
        {
            throw new PabulibInvalidException("projects", doc.Sections[0].Line, $"the file lists {projectCount} projects; at most {PabulibLimits.MaxProjects} are accepted.");
        }
        var poolIds = PoolIds(doc);
        var pools = new List<Pool>(doc.Sections.Count);
        var facts = new List<PabulibProjectFacts>();
        var ballots = new OrderedDictionary<string, List<Selection>>(StringComparer.Ordinal);
        for (var i = 0; i < doc.Sections.Count; i++)
        {
            var section = doc.Sections[i];
            var pool = ToPool(section, poolIds[i]);
            pools.Add(pool);
            facts.AddRange(section.Projects.Select(row => Facts(pool.Id, row)));
            AddBallots(section, pool.Ballot, ballots);
        }
        var edition = new Edition
        {
            Id = editionId,
            Name = EditionName(doc.Sections[0], editionId),
            Phase = EditionPhase.Voting,
            VotingOpensAt = opensAt,
            VotingClosesAt = closesAt,
            MaxDistrictPools = 1,
            Pools = pools,
        };
        return new PabulibImportResult(
            edition,
            ballots.Select(b => new PabulibBallot(b.Key, b.Value)).ToList(),
            facts);
    }

    private static Pool ToPool(PabulibSection section, string poolId)
    {
        var district = section.MetaValue(PabulibKeys.District);
        return new Pool
        {
            Id = poolId,
            Name = section.MetaValue(PabulibKeys.Subunit) ?? district
                ?? section.MetaValue(PabulibKeys.Description) ?? poolId,
            Kind = district is null ? PoolKind.City : PoolKind.District,
            District = district,
            Budget = PabulibPoolRules.Budget(section),
            Ballot = PabulibPoolRules.Ballot(section),
            Method = PabulibPoolRules.Method(section),
            Projects = section.Projects.Select(row => new Project
            {
                Id = row["project_id"].Trim(),
                Title = row.Get("name") ?? "",
                Cost = PabulibLimits.Money("cost", row.Line, row["cost"]),
            }).ToList(),
        };
    }

    /// <summary>"city" for a section without a district, the slug of the district otherwise; an explicit pool_id wins.</summary>
    private static string[] PoolIds(PabulibDocument doc)
    {
        var ids = new string[doc.Sections.Count];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            var section = doc.Sections[i];
            var explicitId = section.MetaValue(PabulibKeys.PoolId);
            if (explicitId is not null)
            {
                if (!used.Add(explicitId))
                {
                    throw PabulibPoolRules.AtSection(section, $"pool_id '{explicitId}' is used by an earlier section.");
                }
                ids[i] = explicitId;
            }
        }
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] is not null)
            {
                continue;
            }
            var district = doc.Sections[i].MetaValue(PabulibKeys.District);
            var stem = district is null ? PoolKind.City : PoolSlug.From(district);
            var id = stem;
            for (var n = 2; !used.Add(id); n++)
            {
                id = string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}");
            }
            ids[i] = id;
        }
        return ids;
    }

    private static string EditionName(PabulibSection first, string editionId)
    {
        var description = first.MetaValue(PabulibKeys.Description);
        if (description is not null)
        {
            return description;
        }
        var parts = new[] { first.MetaValue(PabulibKeys.Unit), first.MetaValue(PabulibKeys.Instance) }
            .Where(p => p is not null);
        var name = string.Join(" ", parts);
        return name.Length > 0 ? name : editionId;
    }

    private static void AddBallots(
        PabulibSection section, BallotSpec ballot, OrderedDictionary<string, List<Selection>> ballots)
    {
        var cumulative = ballot.Type == BallotType.Cumulative;
        foreach (var row in section.Votes)
        {
            var voter = row["voter_id"].Trim();
            var picks = PabulibNumbers.SplitList(row["vote"]);
            var points = cumulative ? PabulibNumbers.SplitList(row.Get("points") ?? "") : [];
            if (cumulative && points.Length != picks.Length)
            {
                throw PabulibFormatException.AtLine(row.Line,
                    $"voter '{voter}' votes in a cumulative section, which needs a points value for each project.");
            }
            if (!ballots.TryGetValue(voter, out var selections))
            {
                selections = [];
                ballots.Add(voter, selections);
            }
            for (var i = 0; i < picks.Length; i++)
            {
                int? pointsOfPick = cumulative && PabulibNumbers.TryParseInt(points[i], out var p) ? p : null;
                selections.Add(new Selection(picks[i], pointsOfPick));
            }
        }
    }

    private static PabulibProjectFacts Facts(string poolId, PabulibRow row) =>
        new(poolId, row["project_id"].Trim(), Whole(row.Get("votes")), Whole(row.Get("score")), Flag(row.Get("selected")));

    private static long? Whole(string? text) => PabulibNumbers.TryParseWhole(text, out var value) ? value : null;

    private static bool? Flag(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "1" or "1.0" or "true" or "yes" => true,
        "0" or "0.0" or "false" or "no" => false,
        _ => null,
    };
}
