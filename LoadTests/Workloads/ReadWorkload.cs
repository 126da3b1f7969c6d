using Voting.LoadTests.Http;
using Voting.LoadTests.Load;

namespace Voting.LoadTests.Workloads;

/// <summary>
/// Residents polling: alternately <c>GET /results</c> and <c>GET /editions/{id}</c> (and the
/// initiative when one is given). 403 <c>results-hidden</c> is an expected answer during voting.
/// </summary>
public sealed class ReadWorkload(ApiClient api, string editionId, string? initiativeId)
{
    private readonly string _edition = $"/api/v1/editions/{Uri.EscapeDataString(editionId)}";
    private readonly string? _initiative = initiativeId is null ? null : $"/api/v1/initiatives/{Uri.EscapeDataString(initiativeId)}";

    public async Task<Outcome> ExecuteAsync(long index, CancellationToken cancellationToken)
    {
        var kind = index % (_initiative is null ? 2 : 3);
        if (kind == 0)
        {
            var results = await api.GetAsync(_edition + "/results", cancellationToken);
            var hidden = results.Status == 403 && results.Code == "results-hidden";
            return new Outcome("read-results", results.Status, results.Code, results.Status == 200 || hidden);
        }

        var path = kind == 1 ? _edition : _initiative!;
        var response = await api.GetAsync(path, cancellationToken);
        return new Outcome(kind == 1 ? "read-edition" : "read-initiative", response.Status, response.Code, response.Status == 200);
    }
}
