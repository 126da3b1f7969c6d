using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
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

    /// <summary>A cycle edition in phase submission: one approval city pool without projects (minSupporters 50, 3 proposals per author).</summary>
    public static async Task<string> CreateCycleEditionAsync(ApiClient api, TimeProvider time, CancellationToken cancellationToken)
    {
        RequireAdmin(api, "--edition");
        var id = EditionFactory.NewId("load-cycle", time);
        var now = time.GetUtcNow();
        var edition = new JsonObject
        {
            ["id"] = id,
            ["name"] = "Submission rush " + id,
            ["phase"] = "submission",
            ["votingOpensAt"] = now.AddDays(30).ToString("O", CultureInfo.InvariantCulture),
            ["votingClosesAt"] = now.AddDays(40).ToString("O", CultureInfo.InvariantCulture),
            ["liveResults"] = false,
            ["pools"] = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = "city", ["name"] = "Ogólnomiejski", ["kind"] = "city", ["budget"] = 10_000_000, ["method"] = "greedy",
                    ["ballot"] = new JsonObject { ["type"] = "approval", ["minSelections"] = 1, ["maxSelections"] = 5 },
                    ["minSupporters"] = 50, ["maxProposalsPerAuthor"] = 3, ["projects"] = new JsonArray(),
                },
            },
        };
        var created = await api.AdminPostAsync("/api/v1/admin/editions", ApiClient.Serialize(edition), cancellationToken);
        if (created.Status != 201)
        {
            throw new InvalidOperationException($"POST /api/v1/admin/editions -> {created.Status} {created.Code}: {Encoding.UTF8.GetString(created.Body)}");
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
