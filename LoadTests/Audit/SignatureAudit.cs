using Voting.LoadTests.Workloads;
using Voting.LoadTests.Http;

namespace Voting.LoadTests.Audit;

/// <summary>For an initiative the driver created: its <c>signatures</c> equals the distinct signers that got 201.</summary>
public static class SignatureAudit
{
    public static async Task<AuditCheck> RunAsync(ApiClient api, SignatureWorkload signatures, CancellationToken cancellationToken)
    {
        var response = await api.GetAsync($"/api/v1/initiatives/{Uri.EscapeDataString(signatures.InitiativeId)}", cancellationToken);
        var count = response.Status == 200 ? (long?)response.Json()?["signatures"] : null;
        return new AuditCheck(
            "initiative signatures = distinct signers with 201",
            count == signatures.Created,
            $"initiative.signatures={count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? response.Status + " " + response.Code}, driver={signatures.Created}");
    }
}
