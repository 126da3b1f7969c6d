using System.Net;

namespace Voting.Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway process started from a fresh folder without appsettings.json (as
/// <c>dotnet /opt/voting/Voting.Gateway.dll</c> started elsewhere), an edition and three ballots
/// cast through it; then <c>inspect</c> looks at the running process (its output, its endpoints).
/// </summary>
public static class GatewayAfterVotes
{
    public static async Task<T> InspectAsync<T>(string adminToken, string[] arguments, Func<GatewayProcess, HttpClient, Task<T>> inspect)
    {
        var folder = Path.Combine(Path.GetTempPath(), "voting-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var gateway = await GatewayProcess.StartInAsync(folder, Path.Combine(folder, "data"), adminToken, arguments);
            using var admin = gateway.CreateClient(adminToken);
            var editionId = TestEditions.NewId();
            await (await admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(editionId))).AssertStatusAsync(HttpStatusCode.Created);
            using var client = gateway.CreateClient();
            for (var i = 0; i < 3; i++)
            {
                await (await client.PostJsonAsync($"/api/v1/editions/{editionId}/ballots", TestEditions.Ballot(Pesels.NextAdult(), "c1", "c2"))).AssertStatusAsync(HttpStatusCode.Created);
            }
            return await inspect(gateway, admin);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
