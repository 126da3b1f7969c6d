using System.Text;
using System.Text.Json.Nodes;
using Voting.LoadTests.Http;
using Voting.LoadTests.Workloads;

namespace Voting.LoadTests.Audit;

/// <summary>
/// After the load: resolve ambiguous ballots by re-sending them (retries are safe), close the
/// edition, then check the published results against the driver's ledger: <c>ballots</c> equals
/// the distinct acknowledged voters, every project's <c>votes</c> equals the driver's own count
/// of picks, duplicates all returned the original receipt, and sampled receipts are <c>counted</c>.
/// </summary>
public sealed class ExactlyOnceAudit(ApiClient api, VoteWorkload votes, int receiptSample)
{
    public async Task<IReadOnlyList<AuditCheck>> RunAsync(CancellationToken cancellationToken)
    {
        var checks = new List<AuditCheck>();
        var edition = Uri.EscapeDataString(votes.EditionId);
        var ledger = votes.Ledger;

        var unresolved = await votes.ReconcileAsync(cancellationToken);
        checks.Add(new AuditCheck("ambiguous ballots resolved", unresolved == 0, $"{unresolved} ballot(s) still without a definite answer after retries"));

        var phase = await api.AdminPostAsync($"/api/v1/admin/editions/{edition}/phase", Encoding.UTF8.GetBytes("""{"phase":"closed"}"""), cancellationToken);
        checks.Add(new AuditCheck("edition closed", phase.IsSuccess, $"POST phase closed -> {phase.Status} {phase.Code}"));

        var acknowledged = ledger.Acknowledged();
        var results = await api.GetAsync($"/api/v1/editions/{edition}/results", cancellationToken);
        if (results.Status != 200 || results.Json() is not JsonObject json)
        {
            checks.Add(new AuditCheck("results readable", false, $"GET results -> {results.Status} {results.Code}"));
        }
        else
        {
            var ballots = (long?)json["ballots"] ?? -1;
            checks.Add(new AuditCheck("ballots = distinct acknowledged voters", ballots == acknowledged.Count, $"results.ballots={ballots}, driver={acknowledged.Count}"));
            checks.Add(CompareVotes(json, ledger.PicksPerProject()));
        }

        checks.Add(new AuditCheck(
            "duplicates returned the original receipt",
            ledger.DuplicatesMatched == ledger.DuplicatesSent || ledger.ViolationCount == 0,
            $"{ledger.DuplicatesMatched}/{ledger.DuplicatesSent} matched"));
        checks.Add(new AuditCheck("no protocol violations", ledger.ViolationCount == 0, ledger.ViolationCount == 0 ? "none" : $"{ledger.ViolationCount}: " + string.Join(" | ", ledger.Violations.Take(5))));
        checks.Add(await CheckReceiptsAsync(acknowledged, cancellationToken));
        return checks;
    }

    private static AuditCheck CompareVotes(JsonObject results, Dictionary<string, long> expected)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var mismatches = new List<string>();
        foreach (var pool in results["pools"]?.AsArray() ?? [])
        {
            foreach (var project in pool?["projects"]?.AsArray() ?? [])
            {
                var id = (string?)project?["projectId"] ?? "?";
                var actual = (long?)project?["votes"] ?? -1;
                seen.Add(id);
                var want = expected.GetValueOrDefault(id);
                if (actual != want)
                {
                    mismatches.Add($"{id}: results {actual}, driver {want}");
                }
            }
        }

        foreach (var missing in expected.Keys.Where(k => !seen.Contains(k)))
        {
            mismatches.Add($"{missing}: picked {expected[missing]}x but absent from results");
        }

        return new AuditCheck(
            "per-project votes = driver's picks",
            mismatches.Count == 0,
            mismatches.Count == 0 ? $"{seen.Count} projects match" : $"{mismatches.Count} mismatch(es): " + string.Join("; ", mismatches.Take(10)));
    }

    private async Task<AuditCheck> CheckReceiptsAsync(List<VoterRecord> acknowledged, CancellationToken cancellationToken)
    {
        var sample = acknowledged.Where(r => r.ReceiptId is not null).OrderBy(_ => Random.Shared.Next()).Take(receiptSample).ToList();
        var counted = 0;
        var problems = new List<string>();
        foreach (var record in sample)
        {
            var response = await api.GetAsync($"/api/v1/receipts/{Uri.EscapeDataString(record.ReceiptId!)}", cancellationToken);
            var status = response.Field("status");
            if (response.Status == 200 && status == "counted")
            {
                counted++;
            }
            else if (problems.Count < 5)
            {
                problems.Add($"{record.ReceiptId}: {response.Status} {status ?? response.Code}");
            }
        }

        return new AuditCheck(
            "sampled receipts are counted",
            counted == sample.Count,
            $"{counted}/{sample.Count} counted" + (problems.Count > 0 ? ": " + string.Join("; ", problems) : ""));
    }
}
