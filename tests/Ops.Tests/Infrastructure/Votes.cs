using System.Net;
using Voting.Gateway.Tests.Infrastructure;

namespace Voting.Ops.Tests.Infrastructure;

/// <summary>Creates an edition and casts ballots in it, as residents would.</summary>
public static class Votes
{
    public static async Task<string> CreateEditionAsync(HttpClient admin)
    {
        var id = TestEditions.NewId();
        await (await admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    /// <summary>Casts <paramref name="count"/> ballots from fresh voters; returns their PESELs.</summary>
    public static async Task<List<string>> CastAsync(HttpClient client, string editionId, int count)
    {
        var pesels = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var pesel = Pesels.NextAdult();
            var response = await client.PostJsonAsync($"/api/v1/editions/{editionId}/ballots", TestEditions.Ballot(pesel, "c1", "n1"));
            await response.AssertStatusAsync(HttpStatusCode.Created);
            pesels.Add(pesel);
        }
        return pesels;
    }
}
