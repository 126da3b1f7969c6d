using System.Text;
using Voting.LoadTests.Http;
using Voting.LoadTests.Model;

namespace Voting.LoadTests.Scenarios;

/// <summary>Creates fresh editions and initiatives through the admin API so runs never collide.</summary>
public static class Fixtures
{
    public static async Task<string> CreateEditionAsync(ApiClient api, TimeProvider time, TextWriter log, CancellationToken cancellationToken)
    {
        RequireAdmin(api, "--edition");
        var id = EditionFactory.NewId("load", time);
        var created = await api.AdminPostAsync("/api/v1/admin/editions", ApiClient.Serialize(EditionFactory.Create(id, time)), cancellationToken);
        if (created.Status != 201)
        {
            throw new InvalidOperationException($"POST /api/v1/admin/editions -> {created.Status} {created.Code}: {Encoding.UTF8.GetString(created.Body)}");
        }

        // The admin document has no phase; make sure the new edition is open for voting.
        var phase = await api.AdminPostAsync($"/api/v1/admin/editions/{Uri.EscapeDataString(id)}/phase", Encoding.UTF8.GetBytes("""{"phase":"voting"}"""), cancellationToken);
        if (!phase.IsSuccess)
        {
            log.WriteLine($"note: POST phase voting -> {phase.Status} {phase.Code} (continuing)");
        }

        return id;
    }

    public static async Task<string> CreateInitiativeAsync(ApiClient api, TimeProvider time, CancellationToken cancellationToken)
    {
        RequireAdmin(api, "--initiative");
        var id = EditionFactory.NewId("load-initiative", time);
        var created = await api.AdminPostAsync("/api/v1/admin/initiatives", ApiClient.Serialize(EditionFactory.Initiative(id, time)), cancellationToken);
        if (created.Status != 201)
        {
            throw new InvalidOperationException($"POST /api/v1/admin/initiatives -> {created.Status} {created.Code}: {Encoding.UTF8.GetString(created.Body)}");
        }

        return id;
    }

    public static async Task<Edition> LoadEditionAsync(ApiClient api, string id, CancellationToken cancellationToken)
    {
        var response = await api.GetAsync($"/api/v1/editions/{Uri.EscapeDataString(id)}", cancellationToken);
        if (response.Status != 200 || response.Json() is not { } json)
        {
            throw new InvalidOperationException($"GET /api/v1/editions/{id} -> {response.Status} {response.Code}");
        }

        return Edition.Parse(json);
    }

    private static void RequireAdmin(ApiClient api, string alternative)
    {
        if (!api.HasAdminToken)
        {
            throw new InvalidOperationException($"give {alternative} or --admin-token (env ADMIN_TOKEN) so the driver can create one");
        }
    }
}
