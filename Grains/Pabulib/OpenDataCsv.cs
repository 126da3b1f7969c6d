using System.Globalization;
using Voting.Editions;
using Voting.Projects;
using Voting.Results;

namespace Voting.Grains.Pabulib;

/// <summary>Open-data CSV (RFC 4180: comma, CRLF, header row): one file of projects with results, one of ballot picks.</summary>
public static class OpenDataCsv
{
    private const string NewLine = "\r\n";

    /// <summary>
    /// One row per project, pools in edition order, projects in result rank order (rank 1 = first).
    /// With <paramref name="deliveries"/> (a final edition), two more columns: delivery status and percent.
    /// </summary>
    public static string WriteProjects(Edition edition, EditionResults results, IReadOnlyDictionary<string, Delivery>? deliveries = null)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(results);
        string[] header = ["pool_id", "pool_name", "pool_kind", "district", "budget", "method", "rank",
            "project_id", "title", "cost", "votes", "score", "selected"];
        var csv = new DelimitedText(',', NewLine).Row(deliveries is null ? header : [.. header, "delivery_status", "delivery_percent"]);
        foreach (var pool in edition.Pools)
        {
            var result = results.Pools.FirstOrDefault(r => r.PoolId == pool.Id);
            var ranked = result?.Projects ?? [];
            var unranked = pool.Projects.Where(p => ranked.All(r => r.ProjectId != p.Id))
                .Select(p => new ProjectResult(p.Id, p.Cost, 0, 0, false));
            var rank = 0;
            foreach (var r in ranked.Concat(unranked))
            {
                rank++;
                var title = pool.Projects.FirstOrDefault(p => p.Id == r.ProjectId)?.Title ?? "";
                string[] cells = [pool.Id, pool.Name, pool.Kind, pool.Kind == PoolKind.District ? pool.DistrictName : "",
                    Number(pool.Budget), pool.Method, Number(rank), r.ProjectId, title, Number(r.Cost),
                    Number(r.Votes), Number(r.Score), r.Selected ? "true" : "false"];
                if (deliveries is not null)
                {
                    var delivery = deliveries.GetValueOrDefault(r.ProjectId);
                    cells = [.. cells, delivery?.Status ?? "", delivery is null ? "" : Number(delivery.Percent)];
                }
                csv.Row(cells);
            }
        }
        return csv.ToString();
    }

    /// <summary>One row per pick: voter number, pool, project, position within the pool (1-based) and points it scores.</summary>
    public static string WriteBallots(Edition edition, IEnumerable<ExportBallot> ballots)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(ballots);
        var csv = new DelimitedText(',', NewLine).Row("voter_number", "pool_id", "project_id", "position", "points");
        foreach (var ballot in ballots)
        {
            foreach (var pool in edition.Pools)
            {
                var picks = ExportPoints.InPool(pool, ballot);
                for (var i = 0; i < picks.Count; i++)
                {
                    csv.Row(Number(ballot.VoterNumber), pool.Id, picks[i].ProjectId, Number(i + 1),
                        Number(ExportPoints.Of(pool.Ballot, picks[i], i)));
                }
            }
        }
        return csv.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
