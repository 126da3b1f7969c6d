using Voting.Gateway.Hosting;
using Voting.Editions;
using Voting.Gateway.Problems;
using Voting.Grains.Pabulib;

namespace Voting.Gateway.Admin;

/// <summary>
/// <c>GET /admin/editions/{id}/export?format=pabulib|csv</c>: projects with results and the
/// anonymised ballots, voters numbered 1..n in a fresh random order per export. No PESEL and no voter key leaves the system.
/// For csv, <c>part=projects|ballots</c> picks one table; by default both, separated by a blank line.
/// </summary>
public static class OpenDataExport
{
    public static async Task<IResult> ExportAsync(string editionId, GrainCalls grains, string? format, string? part)
    {
        format ??= "pabulib";
        if (format is not ("pabulib" or "csv") || part is not (null or "projects" or "ballots"))
        {
            return Problem.Malformed("format must be pabulib or csv; part (csv only) projects or ballots.");
        }
        var grain = grains.Get<IEditionGrain>(editionId);
        var edition = await grains.RunAsync(() => grain.GetAsync());
        var results = await grains.RunAsync(() => grain.GetResultsAsync());
        if (edition is null || results is null)
        {
            return Problem.EditionNotFound(editionId);
        }
        // Ballots come in voter-key order, the same in every export and edition: voters are numbered
        // in a fresh random order per export, so numbers link nothing across exports or editions.
        var counted = (await grains.RunAsync(() => grain.GetCountedBallotsAsync())).ToArray();
        System.Security.Cryptography.RandomNumberGenerator.Shuffle(counted.AsSpan());
        var ballots = counted.Select((selections, i) => new ExportBallot(i + 1, selections)).ToList();
        if (format == "pabulib")
        {
            return Microsoft.AspNetCore.Http.Results.Text(PabulibExport.Write(edition, results, ballots), "text/plain; charset=utf-8");
        }
        // A final edition's projects carry their delivery (status, percent) as reported since.
        var deliveries = edition.Phase == EditionPhase.Final ? await grains.RunAsync(() => grain.GetDeliveriesAsync()) : null;
        var text = part switch
        {
            "projects" => OpenDataCsv.WriteProjects(edition, results, deliveries),
            "ballots" => OpenDataCsv.WriteBallots(edition, ballots),
            _ => OpenDataCsv.WriteProjects(edition, results, deliveries) + "\n" + OpenDataCsv.WriteBallots(edition, ballots),
        };
        return Microsoft.AspNetCore.Http.Results.Text(text, "text/csv; charset=utf-8");
    }
}
