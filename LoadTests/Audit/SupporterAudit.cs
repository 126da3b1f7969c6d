using System.Globalization;
using Voting.LoadTests.Http;
using Voting.LoadTests.Workloads;

namespace Voting.LoadTests.Audit;

/// <summary>
/// Exactly-once for supporters: after reconciling the unknown answers, every seeded proposal's
/// <c>supporters</c> equals the distinct people the driver saw acknowledged (201 or 200) on it,
/// no person got two 201s or two receipts, and every acknowledged person got exactly one 201 or,
/// when an attempt went unanswered (timeout, 5xx but 503), only 200s (that attempt had been recorded).
/// </summary>
public static class SupporterAudit
{
    public static async Task<IReadOnlyList<AuditCheck>> RunAsync(ApiClient api, ProposalWorkload workload, CancellationToken cancellationToken)
    {
        var unresolved = await workload.ReconcileAsync(cancellationToken);
        var acknowledged = workload.Supports.Where(s => s.Value.Receipt is not null).GroupBy(s => s.Key.Proposal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var distinct = acknowledged.Values.Sum();
        var creates = workload.Supports.Sum(s => (long)s.Value.Creates);
        var viaReplay = workload.Supports.LongCount(s => s.Value.Receipt is not null && s.Value.Creates == 0 && s.Value.WasAmbiguous);
        var unexplained = workload.Supports.LongCount(s => s.Value.Receipt is not null && s.Value.Creates == 0 && !s.Value.WasAmbiguous);

        var mismatches = new List<string>();
        long counted = 0;
        foreach (var proposal in workload.Seeded)
        {
            var response = await api.GetAsync($"/api/v1/editions/{Uri.EscapeDataString(workload.EditionId)}/proposals/{Uri.EscapeDataString(proposal)}", cancellationToken);
            var count = response.Status == 200 ? (long?)response.Json()?["supporters"] : null;
            counted += count ?? 0;
            var expected = acknowledged.GetValueOrDefault(proposal);
            if (count != expected)
            {
                mismatches.Add($"{proposal}: counts {count?.ToString(CultureInfo.InvariantCulture) ?? response.Status + " " + response.Code}, driver {expected}");
            }
        }

        return
        [
            new AuditCheck("every supporter's fate known (ambiguous answers reconciled)", unresolved == 0, $"unresolved={unresolved}"),
            new AuditCheck("no person twice: one 201 and one receipt per person per proposal", workload.Violations == 0, $"violations={workload.Violations}, replays matched={workload.ReplaysMatched}"),
            new AuditCheck("each acknowledged supporter: one 201, or (after an unanswered attempt) 200s only", unexplained == 0 && workload.Created201 == creates,
                string.Create(CultureInfo.InvariantCulture, $"201s={workload.Created201}, distinct acknowledged={distinct}, acknowledged by a 200 after an ambiguous answer={viaReplay}, unexplained={unexplained}")),
            new AuditCheck("each proposal's supporters = its distinct acknowledged supporters", mismatches.Count == 0,
                string.Create(CultureInfo.InvariantCulture, $"{workload.Seeded.Count} proposals count {counted}, driver {distinct}") + (mismatches.Count == 0 ? "" : "; " + string.Join("; ", mismatches.Take(5)))),
        ];
    }
}
