using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Voting.Gateway.Tests.Infrastructure;

namespace Voting.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (aiosmtpd), the gateway as a real process in <c>email-code</c> mode sending
/// its codes there, and one Debian Chromium: the pages as a resident uses them when the city
/// confirms identity by e-mail.
/// </summary>
public sealed class EmailCodeSite : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "voting-web-email-" + Guid.NewGuid().ToString("N"));
    private GatewayProcess? _gateway;
    private PagesBrowser? _browser;

    public SmtpSink Smtp { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Script errors seen by any page (4xx answers the pages expect are not errors).</summary>
    public List<string> Errors => _browser!.Errors;

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(WebSite.Chromium), $"{WebSite.Chromium} is missing: run scripts/install-deps (apt-get install chromium).");
        Smtp = await SmtpSink.StartAsync();
        _gateway = await GatewayProcess.StartAsync(_dataFolder, WebSite.AdminToken,
            "--Identity:Mode", "email-code",
            "--Identity:Smtp:Host", "127.0.0.1",
            "--Identity:Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture),
            "--Identity:Smtp:From", "Budżet Obywatelski <glosowanie@example.pl>",
            "--Identity:Smtp:Security", "none");
        Client = _gateway.CreateClient();
        Admin = _gateway.CreateClient(WebSite.AdminToken);
        _browser = await PagesBrowser.LaunchAsync();
    }

    /// <summary>A new edition in voting with live results (TestEditions.Sample).</summary>
    public async Task<string> CreateEditionAsync()
    {
        var id = TestEditions.NewId();
        await (await Admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id, liveResults: true))).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    public async Task<System.Text.Json.Nodes.JsonObject> GetAsync(string path) => await (await Client.GetAsync(path)).AssertStatusAsync(HttpStatusCode.OK);

    /// <summary>A fresh page (own storage, Polish browser locale), recording script errors.</summary>
    public Task<IPage> NewPageAsync() => _browser!.NewPageAsync(_gateway!.BaseAddress);

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
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
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
