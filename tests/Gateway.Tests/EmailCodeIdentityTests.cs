using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>An embedded gateway in <c>email-code</c> mode sending to <paramref name="smtpPort"/>, with a clock the tests may move.</summary>
public sealed class EmailCodeGatewayFactory(int smtpPort) : GatewayFactory(new Dictionary<string, string>
{
    ["Identity:Mode"] = "email-code",
    ["Identity:Smtp:Host"] = "127.0.0.1",
    ["Identity:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
    ["Identity:Smtp:From"] = "Budżet Obywatelski <glosowanie@example.pl>",
    ["Identity:Smtp:Security"] = "none",
})
{
    public ShiftedTime Time { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}

/// <summary>A real SMTP server (aiosmtpd) and a gateway in <c>email-code</c> mode sending to it.</summary>
public sealed class EmailCodeFixture : IAsyncLifetime
{
    public SmtpSink Smtp { get; private set; } = null!;
    public EmailCodeGatewayFactory Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        Gateway = new EmailCodeGatewayFactory(Smtp.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Issue 10, <c>email-code</c> mode (API.md 1.1): codes requested with 202 whatever the PESEL,
/// read from the mail a real SMTP server received; one request per code (and its replays), five
/// wrong tries, 15 minutes, one voter per e-mail address per edition and initiative; a refused
/// code records nothing; the ledger keeps hashes only and deletes the queued mail once sent.
/// </summary>
public sealed class EmailCodeIdentityTests(EmailCodeFixture fixture) : IClassFixture<EmailCodeFixture>, IDisposable
{
    private readonly HttpClient _client = fixture.Gateway.CreateClient();
    private readonly HttpClient _admin = fixture.Gateway.CreateAdminClient();
    private readonly SmtpSink _smtp = fixture.Smtp;

    public void Dispose() => fixture.Gateway.Time.Offset = TimeSpan.Zero;

    private static string NewAddress() => $"r-{Guid.NewGuid():N}@example.pl";

    private async Task<string> CreateEditionAsync()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    private Task<HttpResponseMessage> RequestCodeAsync(string pesel, string email, string? language = null, string? acceptLanguage = null)
    {
        var body = new JsonObject { ["voter"] = new JsonObject { ["pesel"] = pesel }, ["email"] = email };
        if (language is not null)
        {
            body["language"] = language;
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/verification-codes")
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        return _client.SendAsync(request);
    }

    /// <summary>Asks for a code (202) and reads it from the mail the SMTP server received.</summary>
    private async Task<string> CodeForAsync(string pesel, string email)
    {
        var answer = await RequestCodeAsync(pesel, email);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        return await _smtp.NextCodeForAsync(email);
    }

    private static JsonObject Ballot(string pesel, string? code, params string[] picks)
    {
        var ballot = TestEditions.Ballot(pesel, picks.Length == 0 ? ["c1"] : picks);
        if (code is not null)
        {
            ballot["voter"]!["code"] = code;
        }
        return ballot;
    }

    private Task<HttpResponseMessage> VoteAsync(string editionId, string pesel, string? code, params string[] picks) =>
        _client.PostJsonAsync($"/api/v1/editions/{editionId}/ballots", Ballot(pesel, code, picks));

    private async Task<long> BallotsAsync(string editionId) =>
        (long)(await (await _client.GetAsync($"/api/v1/editions/{editionId}/results")).AssertStatusAsync(HttpStatusCode.OK))["ballots"]!;

    private static string WrongCode(string code) => ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Vote_WithTheMailedCode_IsRecorded_AndItsReplayAnswers200()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var code = await CodeForAsync(pesel, NewAddress());

        var first = await (await VoteAsync(edition, pesel, code)).AssertStatusAsync(HttpStatusCode.Created);
        var replay = await (await VoteAsync(edition, pesel, code)).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal((string?)first["receiptId"], (string?)replay["receiptId"]);
        Assert.Equal(1, await BallotsAsync(edition));
    }

    [Fact]
    public async Task MissingOrWrongCode_Is401_AndRecordsNothing()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var code = await CodeForAsync(pesel, NewAddress());

        await (await VoteAsync(edition, pesel, null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        await (await VoteAsync(edition, pesel, WrongCode(code))).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        await (await VoteAsync(edition, pesel, "12ab56")).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        Assert.Equal(0, await BallotsAsync(edition));

        // nothing was recorded: the right code still casts the first ballot (201, not a replay)
        await (await VoteAsync(edition, pesel, code)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnotherVotersCode_Is401()
    {
        var edition = await CreateEditionAsync();
        var owner = Pesels.NextAdult();
        var code = await CodeForAsync(owner, NewAddress());

        await (await VoteAsync(edition, Pesels.NextAdult(), code)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        Assert.Equal(0, await BallotsAsync(edition));
    }

    [Fact]
    public async Task FiveWrongTries_ThenEvenTheRightCodeFails_UntilANewCode()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var email = NewAddress();
        var code = await CodeForAsync(pesel, email);

        for (var i = 0; i < 5; i++)
        {
            await (await VoteAsync(edition, pesel, WrongCode(code))).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        }
        await (await VoteAsync(edition, pesel, code)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        Assert.Equal(0, await BallotsAsync(edition));

        var fresh = await CodeForAsync(pesel, email);
        await (await VoteAsync(edition, pesel, fresh)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task FourWrongTries_StillLeaveTheRightCodeValid()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var code = await CodeForAsync(pesel, NewAddress());

        for (var i = 0; i < 4; i++)
        {
            await (await VoteAsync(edition, pesel, WrongCode(code))).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        }
        await (await VoteAsync(edition, pesel, code)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ANewCode_ReplacesThePreviousOne()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var email = NewAddress();
        var old = await CodeForAsync(pesel, email);
        fixture.Gateway.Time.Offset += TimeSpan.FromSeconds(31); // past the resend pause
        var current = await CodeForAsync(pesel, email);
        Assert.SkipWhen(old == current, "the two random codes happen to be equal");

        await (await VoteAsync(edition, pesel, old)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        await (await VoteAsync(edition, pesel, current)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ASecondRequestWithinThirtySeconds_MailsNothing_AndTheFirstCodeStays()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var email = NewAddress();
        var code = await CodeForAsync(pesel, email);

        Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeAsync(pesel, email)).StatusCode);
        var marker = NewAddress();
        await CodeForAsync(Pesels.NextAdult(), marker); // queued after the second request: once it is here, that one would be too

        Assert.Single(_smtp.Received(), m => m.To.Mailboxes.Any(b => b.Address == email));
        await (await VoteAsync(edition, pesel, code)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AfterAUsedCode_ANewOneComesAtOnce()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var email = NewAddress();
        await (await VoteAsync(edition, pesel, await CodeForAsync(pesel, email))).AssertStatusAsync(HttpStatusCode.Created);

        var next = await CodeForAsync(pesel, email); // no pause: the first code is used

        var other = await CreateEditionAsync();
        await (await VoteAsync(other, pesel, next)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ExpiredCode_Is401_AndRecordsNothing()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var code = await CodeForAsync(pesel, NewAddress());

        fixture.Gateway.Time.Offset = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1);

        await (await VoteAsync(edition, pesel, code)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        fixture.Gateway.Time.Offset = TimeSpan.Zero;
        Assert.Equal(0, await BallotsAsync(edition));
    }

    [Fact]
    public async Task CodeWithinItsFifteenMinutes_IsValid()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var code = await CodeForAsync(pesel, NewAddress());

        fixture.Gateway.Time.Offset = TimeSpan.FromMinutes(14);

        await (await VoteAsync(edition, pesel, code)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task OneCode_ConfirmsOneRequest_AnotherRequestWithItIs401()
    {
        var first = await CreateEditionAsync();
        var second = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var code = await CodeForAsync(pesel, NewAddress());

        await (await VoteAsync(first, pesel, code)).AssertStatusAsync(HttpStatusCode.Created);

        await (await VoteAsync(second, pesel, code)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        await (await VoteAsync(first, pesel, code, "c2")).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        await (await VoteAsync(first, pesel, code)).AssertStatusAsync(HttpStatusCode.OK); // the same request again: a replay
        Assert.Equal(0, await BallotsAsync(second));
    }

    [Fact]
    public async Task OneCode_SentWithTenDifferentRequestsAtOnce_ConfirmsExactlyOne()
    {
        var editions = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            editions.Add(await CreateEditionAsync());
        }
        var pesel = Pesels.NextAdult();
        var code = await CodeForAsync(pesel, NewAddress());

        var answers = await Task.WhenAll(editions.Select(e => VoteAsync(e, pesel, code)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        var ballots = 0L;
        foreach (var edition in editions)
        {
            ballots += await BallotsAsync(edition);
        }
        Assert.Equal(1, ballots);
    }

    [Fact]
    public async Task ARequestRefusedForItsContent_LeavesTheCodeForTheCorrectedRequest()
    {
        var edition = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var code = await CodeForAsync(pesel, NewAddress());

        await (await VoteAsync(edition, pesel, code, "no-such-project")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-ballot");

        await (await VoteAsync(edition, pesel, code, "c1")).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task OneEmailAddress_ConfirmsOneVoterPerEdition()
    {
        var edition = await CreateEditionAsync();
        var other = await CreateEditionAsync();
        var email = NewAddress();
        var first = Pesels.NextAdult();
        var second = Pesels.NextAdult();
        await (await VoteAsync(edition, first, await CodeForAsync(first, email))).AssertStatusAsync(HttpStatusCode.Created);

        var secondCode = await CodeForAsync(second, email.ToUpperInvariant());
        await (await VoteAsync(edition, second, secondCode)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        Assert.Equal(1, await BallotsAsync(edition));

        // the same address may confirm that second person in another edition
        await (await VoteAsync(other, second, secondCode)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Signature_NeedsACode_AndOneEmailSignsForOnePerson()
    {
        var id = "i-" + Guid.NewGuid().ToString("N")[..10];
        var initiative = new JsonObject { ["id"] = id, ["title"] = "A park", ["threshold"] = 10, ["collectFrom"] = "2020-01-01T00:00:00+01:00", ["collectUntil"] = "2099-01-01T00:00:00+01:00" };
        await (await _admin.PostJsonAsync("/api/v1/admin/initiatives", initiative)).AssertStatusAsync(HttpStatusCode.Created);
        Task<HttpResponseMessage> Sign(string pesel, string? code) => _client.PostJsonAsync($"/api/v1/initiatives/{id}/signatures",
            new JsonObject { ["voter"] = code is null ? new JsonObject { ["pesel"] = pesel } : new JsonObject { ["pesel"] = pesel, ["code"] = code } });
        var email = NewAddress();
        var signer = Pesels.NextAdult();

        await (await Sign(signer, null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        var code = await CodeForAsync(signer, email);
        await (await Sign(signer, code)).AssertStatusAsync(HttpStatusCode.Created);
        await (await Sign(signer, code)).AssertStatusAsync(HttpStatusCode.OK);

        var second = Pesels.NextAdult();
        await (await Sign(second, await CodeForAsync(second, email))).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        Assert.Equal(1, (long)(await (await _client.GetAsync($"/api/v1/initiatives/{id}")).ReadJsonAsync())["signatures"]!);
    }

    [Fact]
    public async Task Proposal_AndSupport_NeedACode()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", CycleEditions.Edition(id))).AssertStatusAsync(HttpStatusCode.Created);
        var author = Pesels.NextAdult();
        var proposal = CycleEditions.Proposal(author, "Trees on Main Street");
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", proposal)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");

        proposal["author"]!["code"] = await CodeForAsync(author, NewAddress());
        var created = await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals", proposal)).AssertStatusAsync(HttpStatusCode.Created);
        var proposalId = (string)created["proposalId"]!;

        var supporter = Pesels.NextAdult();
        var support = CycleEditions.Voter(supporter);
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposalId}/supporters", support)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        support["voter"]!["code"] = await CodeForAsync(supporter, NewAddress());
        await (await _client.PostJsonAsync($"/api/v1/editions/{id}/proposals/{proposalId}/supporters", support)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task CodeRequest_Is202WithTheSameEmptyBody_ForAValidAnInvalidAndAVotedPesel()
    {
        var edition = await CreateEditionAsync();
        var voted = Pesels.NextAdult();
        await (await VoteAsync(edition, voted, await CodeForAsync(voted, NewAddress()))).AssertStatusAsync(HttpStatusCode.Created);
        var valid = Pesels.NextAdult();
        var invalid = valid[..10] + (char)('0' + ((valid[10] - '0' + 1) % 10)); // a wrong check digit

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var pesel in (string[])[voted, valid, invalid, "not-a-pesel"])
        {
            var answer = await RequestCodeAsync(pesel, NewAddress());
            answers.Add((answer.StatusCode, await answer.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.Accepted, ""), a));
    }

    [Fact]
    public async Task CodeRequest_WithNoMailForAnInvalidPesel()
    {
        var valid = Pesels.NextAdult();
        var invalidAddress = NewAddress();
        Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeAsync(valid[..10] + (char)('0' + ((valid[10] - '0' + 1) % 10)), invalidAddress)).StatusCode);
        var validAddress = NewAddress();
        await CodeForAsync(valid, validAddress); // sent after: the outbox would have sent the first one by then

        Assert.DoesNotContain(_smtp.Received(), m => m.To.Mailboxes.Any(b => b.Address == invalidAddress));
    }

    [Theory]
    [InlineData("{\"voter\":{\"pesel\":\"44051401458\"}}")]
    [InlineData("{\"email\":\"a@example.pl\"}")]
    [InlineData("{\"voter\":{\"pesel\":\"44051401458\"},\"email\":\"not an address\"}")]
    [InlineData("{\"voter\":{\"pesel\":\"44051401458\"},\"email\":\"Ala <a@example.pl>\"}")]
    [InlineData("{\"voter\":{},\"email\":\"a@example.pl\"}")]
    [InlineData("[1,2]")]
    [InlineData("{")]
    public async Task CodeRequest_ThatIsNotARequest_Is400(string body)
    {
        await (await _client.PostRawAsync("/api/v1/verification-codes", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task CodeRequest_NotJson_Is415()
    {
        await (await _client.PostRawAsync("/api/v1/verification-codes", "pesel=44051401458", "application/x-www-form-urlencoded")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Mail_IsPolishByDefault()
    {
        var email = NewAddress();
        Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeAsync(Pesels.NextAdult(), email)).StatusCode);

        var mail = await _smtp.NextMailToAsync(email);

        Assert.Equal("Twój kod weryfikacyjny", mail.Subject);
        Assert.Contains("Twój kod weryfikacyjny: ", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("ważny", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("glosowanie@example.pl", mail.From.Mailboxes.Single().Address);
        Assert.Matches(@"^\d{6}$", SmtpSink.CodeIn(mail));
    }

    [Theory]
    [InlineData("en", null, "en")]
    [InlineData("EN-gb", null, "en")]
    [InlineData(null, "en-US,en;q=0.9", "en")]
    [InlineData(null, "de-DE, en;q=0.5, pl;q=0.8", "pl")]
    [InlineData(null, "de-DE", "pl")]
    [InlineData("pl", "en", "pl")]
    [InlineData("xx", "en", "en")]
    public async Task Mail_LanguageFromTheBodyThenAcceptLanguage(string? language, string? acceptLanguage, string expected)
    {
        var email = NewAddress();
        Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeAsync(Pesels.NextAdult(), email, language, acceptLanguage)).StatusCode);

        var mail = await _smtp.NextMailToAsync(email);

        Assert.Equal(expected == "en" ? "Your verification code" : "Twój kod weryfikacyjny", mail.Subject);
        Assert.Contains(expected == "en" ? "valid for 15 minutes" : "ważny", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_KeepsNoCodeAddressOrPesel_AndTheOutboxEmptiesOnceSent()
    {
        var pesel = Pesels.NextAdult();
        var email = NewAddress();
        var edition = await CreateEditionAsync();
        var code = await CodeForAsync(pesel, email);
        await (await VoteAsync(edition, pesel, code)).AssertStatusAsync(HttpStatusCode.Created);

        var database = Path.Combine(fixture.Gateway.DataFolder, "voting.db");
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        async Task<List<string>> RowsAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            var rows = new List<string>();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
            }
            return rows;
        }

        var stored = (await RowsAsync("SELECT * FROM verification_codes")).Concat(await RowsAsync("SELECT * FROM email_bindings")).ToList();
        Assert.NotEmpty(stored);
        Assert.All(stored, row =>
        {
            Assert.DoesNotContain(code, row, StringComparison.Ordinal);
            Assert.DoesNotContain(email, row, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(pesel, row, StringComparison.Ordinal);
        });
        var outbox = await RowsAsync("SELECT data FROM mail_outbox");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (outbox.Any(r => r.Contains(email, StringComparison.OrdinalIgnoreCase)) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken); // the sender deletes the row just after SMTP accepted it
            outbox = await RowsAsync("SELECT data FROM mail_outbox");
        }
        Assert.DoesNotContain(outbox, r => r.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnUnreadableOutboxRow_DoesNotHoldUpTheOthers_AndIsDropped()
    {
        var database = Path.Combine(fixture.Gateway.DataFolder, "voting.db");
        _ = fixture.Gateway.CreateClient(); // the ledger exists once the gateway has started
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO mail_outbox (scope, message_id, version, data) VALUES ('pending', 'poison-' || hex(randomblob(8)), 1, 'not json')";
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await CodeForAsync(Pesels.NextAdult(), NewAddress());

        await using var reader = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await reader.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = reader.CreateCommand();
        count.CommandText = "SELECT count(*) FROM mail_outbox WHERE message_id LIKE 'poison-%'";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task WrongCode_SameAnswerWithOrWithoutABallot()
    {
        var edition = await CreateEditionAsync();
        var voted = Pesels.NextAdult();
        var votedCode = await CodeForAsync(voted, NewAddress());
        await (await VoteAsync(edition, voted, votedCode)).AssertStatusAsync(HttpStatusCode.Created);
        var fresh = Pesels.NextAdult();
        var freshCode = await CodeForAsync(fresh, NewAddress());

        var withBallot = await VoteAsync(edition, voted, WrongCode(votedCode), "c2");
        var without = await VoteAsync(edition, fresh, WrongCode(freshCode), "c2");

        var a = await withBallot.AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        var b = await without.AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        a.Remove("traceId");
        b.Remove("traceId");
        Assert.Equal(a.ToJsonString(), b.ToJsonString());
    }

    /// <summary>Failing requests with a valid code: the same answer for a voter with a ballot and one without (API.md 1.1: no oracle in any mode).</summary>
    [Fact]
    public async Task FailingRequestsWithAValidCode_SameAnswerWithOrWithoutABallot()
    {
        var edition = await CreateEditionAsync();
        var votedEmail = NewAddress();
        var voted = Pesels.NextAdult();
        await (await VoteAsync(edition, voted, await CodeForAsync(voted, votedEmail))).AssertStatusAsync(HttpStatusCode.Created);
        var freshEmail = NewAddress();
        var fresh = Pesels.NextAdult();
        var unknown = TestEditions.NewId();
        var closed = await CreateEditionAsync();
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{closed}/phase", new JsonObject { ["phase"] = "closed" })).AssertStatusAsync(HttpStatusCode.OK);

        foreach (var (target, picks, status, problem) in (IEnumerable<(string, string[], HttpStatusCode, string)>)[
            (unknown, ["c1"], HttpStatusCode.NotFound, "edition-not-found"),
            (edition, ["no-such-project"], HttpStatusCode.UnprocessableEntity, "invalid-ballot"),
            (closed, ["c1"], HttpStatusCode.Conflict, "voting-not-open")])
        {
            fixture.Gateway.Time.Offset += TimeSpan.FromSeconds(31); // past the resend pause: a refused request gave its code back
            var withBallot = await (await VoteAsync(target, voted, await CodeForAsync(voted, votedEmail), picks)).AssertProblemAsync(status, problem);
            var without = await (await VoteAsync(target, fresh, await CodeForAsync(fresh, freshEmail), picks)).AssertProblemAsync(status, problem);
            withBallot.Remove("traceId");
            without.Remove("traceId");
            Assert.Equal(withBallot.ToJsonString(), without.ToJsonString());
        }
        Assert.Equal(1, await BallotsAsync(edition));
    }

    [Fact]
    public async Task PaperBallots_StillNeedNoCode()
    {
        var edition = await CreateEditionAsync();
        var paper = new JsonArray(TestEditions.Ballot(Pesels.NextAdult(), "c1"));

        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{edition}/paper-ballots", paper)).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal(1, await BallotsAsync(edition));
    }
}
