using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Web.Tests.Infrastructure;

/// <summary>
/// One gateway process (embedded mode, a real port) and one Debian Chromium per test class, with
/// data made through the public and admin API: an edition voting, a closed one with ballots, one
/// taking proposals, an initiative. The home page lists them through <c>Web:Editions</c> and
/// <c>Web:Initiatives</c>.
/// </summary>
public sealed class WebSite : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string AdminToken = "web-pages-admin-token-0123456789abcdefgh"; // the process runs as Production: 32+ characters

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "voting-web-" + Guid.NewGuid().ToString("N"));
    private GatewayProcess? _gateway;
    private PagesBrowser? _browser;

    public string VotingEdition { get; } = TestEditions.NewId();
    public string ClosedEdition { get; } = TestEditions.NewId();
    public string CycleEdition { get; } = TestEditions.NewId();
    public string Initiative { get; } = "i-" + Guid.NewGuid().ToString("N")[..12];
    public string ProposalId { get; private set; } = "";
    public string ReceiptId { get; private set; } = "";

    public Uri BaseAddress => _gateway!.BaseAddress;
    public HttpClient Client { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-deps (apt-get install chromium).");
        _gateway = await GatewayProcess.StartAsync(_dataFolder, AdminToken,
            "--Web:Editions", $"{VotingEdition},{ClosedEdition},{CycleEdition}", "--Web:Initiatives", Initiative);
        Client = _gateway.CreateClient();
        Admin = _gateway.CreateClient(AdminToken);
        await CreateEditionAsync(TestEditions.Sample(VotingEdition, liveResults: false));
        await CreateEditionAsync(TestEditions.Sample(ClosedEdition, liveResults: false));
        ReceiptId = await CastAsync(ClosedEdition, Pesels.NextAdult(), "c1", "c2");
        await CastAsync(ClosedEdition, Pesels.NextAdult(), "c1", "c4");
        await CastAsync(ClosedEdition, Pesels.NextAdult(), "c3", "n2", "n1");
        await CastAsync(ClosedEdition, Pesels.NextAdult(), "c4", "n1");
        await ChangePhaseAsync(ClosedEdition, "closed");
        await CreateEditionAsync(CycleEditions.Edition(CycleEdition, minSupporters: 2));
        var proposal = await (await Client.PostJsonAsync($"/api/v1/editions/{CycleEdition}/proposals", CycleEditions.Proposal(Pesels.NextAdult(), "Ławki na Rynku"))).AssertStatusAsync(HttpStatusCode.Created);
        ProposalId = (string)proposal["proposalId"]!;
        await (await Admin.PostJsonAsync("/api/v1/admin/initiatives", new JsonObject
        {
            ["id"] = Initiative, ["title"] = "Zielone podwórka", ["threshold"] = 300,
            ["collectFrom"] = "2020-01-01T00:00:00+01:00", ["collectUntil"] = "2099-12-31T23:59:59+01:00",
        })).AssertStatusAsync(HttpStatusCode.Created);
        await (await Client.PostJsonAsync($"/api/v1/initiatives/{Initiative}/signatures", CycleEditions.Voter(Pesels.NextAdult()))).AssertStatusAsync(HttpStatusCode.Created);

        _browser = await PagesBrowser.LaunchAsync();
    }

    public async Task CreateEditionAsync(JsonObject edition) =>
        await (await Admin.PostJsonAsync("/api/v1/admin/editions", edition)).AssertStatusAsync(HttpStatusCode.Created);

    public async Task ChangePhaseAsync(string editionId, string phase) =>
        await (await Admin.PostJsonAsync($"/api/v1/admin/editions/{editionId}/phase", new JsonObject { ["phase"] = phase })).AssertStatusAsync(HttpStatusCode.OK);

    public async Task<string> CastAsync(string editionId, string pesel, params string[] projects)
    {
        var receipt = await (await Client.PostJsonAsync($"/api/v1/editions/{editionId}/ballots", TestEditions.Ballot(pesel, projects))).AssertStatusAsync(HttpStatusCode.Created);
        return (string)receipt["receiptId"]!;
    }

    public async Task<JsonObject> GetAsync(string path) => await (await Client.GetAsync(path)).AssertStatusAsync(HttpStatusCode.OK);

    /// <summary>A fresh page (own storage) at a viewport; tests assert <see cref="Errors"/> is empty.</summary>
    public Task<IPage> NewPageAsync(int width = 1280, int height = 900) => _browser!.NewPageAsync(BaseAddress, width, height);

    /// <summary>Script errors seen by any page (4xx answers the pages expect are not errors).</summary>
    public List<string> Errors => _browser!.Errors;

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        Client?.Dispose();
        Admin?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
