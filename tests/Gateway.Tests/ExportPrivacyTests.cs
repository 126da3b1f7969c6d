using System.Net;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>Issue 9, finding 10: voters are numbered in a fresh random order per export.</summary>
public sealed class ExportPrivacyTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _admin = factory.CreateAdminClient();

    [Fact]
    public async Task TwoExports_NumberTheSameBallotsDifferently()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        string[][] picks = [["c1"], ["c2"], ["c3"], ["c4"], ["c1", "c2"], ["c1", "c3"], ["c1", "c4"], ["c2", "c4"], ["c3", "c4"], ["c1", "n1"], ["c1", "c2", "c4"], ["c2", "n2"]];
        foreach (var ballot in picks)
        {
            await (await _client.PostJsonAsync($"/api/v1/editions/{id}/ballots", TestEditions.Ballot(Pesels.NextAdult(), ballot))).AssertStatusAsync(HttpStatusCode.Created);
        }

        async Task<string> BallotsOfVoterAsync()
        {
            var csv = await (await _admin.GetAsync($"/api/v1/admin/editions/{id}/export?format=csv&part=ballots")).Content.ReadAsStringAsync();
            var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(','));
            return string.Join("|", rows.GroupBy(r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).OrderBy(g => g.Key).Select(g => string.Join("+", g.Select(r => r[2]))));
        }

        var exports = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            exports.Add(await BallotsOfVoterAsync());
        }
        // the same ballots every time, numbered differently (4 identical orders of 12 ballots: chance 1 in 12!^3)
        Assert.All(exports, e => Assert.Equal(exports[0].Split('|').Order(), e.Split('|').Order()));
        Assert.True(exports.Distinct().Count() > 1, "Every export numbered the voters in the same order.");
    }
}
