using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// A gateway in <c>oidc</c> mode against real OpenID Connect providers (issue 10): the trusted one,
/// one with another issuer, and one that claims the trusted issuer's name but signs with other keys.
/// </summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public const string Audience = "voting-api";

    public TestOidcProvider Trusted { get; private set; } = null!;
    public TestOidcProvider OtherIssuer { get; private set; } = null!;
    public TestOidcProvider Impostor { get; private set; } = null!;
    public GatewayFactory Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Trusted = await TestOidcProvider.StartAsync(Audience);
        OtherIssuer = await TestOidcProvider.StartAsync(Audience);
        Impostor = await TestOidcProvider.StartAsync(Audience, issuer: Trusted.Issuer);
        Gateway = GatewayFactory.With(new Dictionary<string, string>
        {
            ["Identity:Mode"] = "oidc",
            ["Identity:Oidc:Authority"] = Trusted.Issuer,
            ["Identity:Oidc:Audience"] = Audience,
            ["Identity:Oidc:RequireHttpsMetadata"] = "false",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Trusted.DisposeAsync();
        await OtherIssuer.DisposeAsync();
        await Impostor.DisposeAsync();
    }
}

public sealed class OidcIdentityTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    private readonly HttpClient _admin = fixture.Gateway.CreateAdminClient();

    private async Task<string> CreateEditionAsync()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(id))).AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    private static JsonObject Ballot(string? pesel = null)
    {
        var ballot = TestEditions.Ballot(pesel ?? "", "c1");
        if (pesel is null)
        {
            ballot.Remove("voter");
        }
        return ballot;
    }

    private Task<HttpResponseMessage> PostAsync(string path, JsonObject body, string? token)
    {
        var client = fixture.Gateway.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client.PostJsonAsync(path, body);
    }

    private Task<HttpResponseMessage> VoteAsync(string editionId, string? token, string? bodyPesel = null) =>
        PostAsync($"/api/v1/editions/{editionId}/ballots", Ballot(bodyPesel), token);

    /// <summary>Each way a token can fail, for a given PESEL.</summary>
    public static TheoryData<string> BadTokens() => ["none", "expired", "wrong-audience", "wrong-issuer", "wrong-signature", "missing-claim", "invalid-pesel-claim", "garbage"];

    private async Task<string?> BadTokenAsync(string kind, string pesel) => kind switch
    {
        "none" => null,
        "expired" => await fixture.Trusted.IssueAsync(pesel, lifetimeSeconds: -600),
        "wrong-audience" => await fixture.Trusted.IssueAsync(pesel, audience: "another-api"),
        "wrong-issuer" => await fixture.OtherIssuer.IssueAsync(pesel),
        "wrong-signature" => await fixture.Impostor.IssueAsync(pesel),
        "missing-claim" => await fixture.Trusted.IssueAsync(TestOidcProvider.NoPesel),
        "invalid-pesel-claim" => await fixture.Trusted.IssueAsync("12345678901"),
        "garbage" => "not.a.jwt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Fact]
    public async Task ValidToken_WithoutVoterInBody_Votes201_AndReplays200()
    {
        var id = await CreateEditionAsync();
        var token = await fixture.Trusted.IssueAsync(Pesels.NextAdult());

        var first = await (await VoteAsync(id, token)).AssertStatusAsync(HttpStatusCode.Created);
        var replay = await (await VoteAsync(id, token)).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal((string?)first["receiptId"], (string?)replay["receiptId"]);
    }

    [Fact]
    public async Task ValidToken_WithTheSamePeselInBody_IsAccepted()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();

        await (await VoteAsync(id, await fixture.Trusted.IssueAsync(pesel), bodyPesel: pesel)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Is401IdentityRequired_AndNothingIsRecorded(string kind)
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();

        var refused = await VoteAsync(id, await BadTokenAsync(kind, pesel));

        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        // Nothing was recorded: the same person signed in properly votes for the first time (201, not a replay).
        await (await VoteAsync(id, await fixture.Trusted.IssueAsync(pesel))).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task BodyPeselDifferentFromTheToken_Is422InvalidPesel_AndNothingIsRecorded()
    {
        var id = await CreateEditionAsync();
        var pesel = Pesels.NextAdult();
        var token = await fixture.Trusted.IssueAsync(pesel);

        await (await VoteAsync(id, token, bodyPesel: Pesels.NextAdult())).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-pesel");

        await (await VoteAsync(id, token)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_SameAnswerForAVoterWithAndWithoutABallot(string kind)
    {
        var id = await CreateEditionAsync();
        var voted = Pesels.NextAdult();
        var fresh = Pesels.NextAdult();
        await (await VoteAsync(id, await fixture.Trusted.IssueAsync(voted))).AssertStatusAsync(HttpStatusCode.Created);

        var withBallot = await AnswerAsync(await VoteAsync(id, await BadTokenAsync(kind, voted)));
        var without = await AnswerAsync(await VoteAsync(id, await BadTokenAsync(kind, fresh)));

        Assert.Equal(without, withBallot);
        Assert.Equal((HttpStatusCode.Unauthorized, "identity-required"), withBallot);
    }

    [Fact]
    public async Task BodyPeselMismatch_SameAnswerForAVoterWithAndWithoutABallot()
    {
        var id = await CreateEditionAsync();
        var voted = Pesels.NextAdult();
        var fresh = Pesels.NextAdult();
        await (await VoteAsync(id, await fixture.Trusted.IssueAsync(voted))).AssertStatusAsync(HttpStatusCode.Created);
        var caller = await fixture.Trusted.IssueAsync(Pesels.NextAdult());

        var withBallot = await AnswerAsync(await VoteAsync(id, caller, bodyPesel: voted));
        var without = await AnswerAsync(await VoteAsync(id, caller, bodyPesel: fresh));

        Assert.Equal(without, withBallot);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid-pesel"), withBallot);
    }

    [Fact]
    public async Task Signature_NeedsAToken_AndTakesThePeselFromIt()
    {
        var initiativeId = "i-" + Guid.NewGuid().ToString("N")[..10];
        await (await _admin.PostJsonAsync("/api/v1/admin/initiatives", new JsonObject
        {
            ["id"] = initiativeId, ["title"] = "Trees", ["collectFrom"] = "2020-01-01T00:00:00+01:00", ["collectUntil"] = "2099-01-01T00:00:00+01:00", ["threshold"] = 2,
        })).AssertStatusAsync(HttpStatusCode.Created);
        var path = $"/api/v1/initiatives/{initiativeId}/signatures";
        var pesel = Pesels.NextAdult();

        await (await PostAsync(path, new JsonObject { ["voter"] = new JsonObject { ["pesel"] = pesel } }, token: null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        var token = await fixture.Trusted.IssueAsync(pesel);
        await (await PostAsync(path, new JsonObject(), token)).AssertStatusAsync(HttpStatusCode.Created);
        await (await PostAsync(path, new JsonObject(), token)).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Proposal_Support_Withdraw_NeedAToken()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", CycleEditions.Edition(id, minSupporters: 5))).AssertStatusAsync(HttpStatusCode.Created);
        var author = await fixture.Trusted.IssueAsync(Pesels.NextAdult());
        var proposal = CycleEditions.Proposal(Pesels.NextAdult(), "Benches");
        proposal.Remove("author");

        await (await PostAsync($"/api/v1/editions/{id}/proposals", proposal, token: null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        var created = await (await PostAsync($"/api/v1/editions/{id}/proposals", proposal, author)).AssertStatusAsync(HttpStatusCode.Created);
        var proposalId = (string)created["proposalId"]!;

        var supporters = $"/api/v1/editions/{id}/proposals/{proposalId}/supporters";
        await (await PostAsync(supporters, new JsonObject(), token: null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        await (await PostAsync(supporters, new JsonObject(), await fixture.Trusted.IssueAsync(Pesels.NextAdult()))).AssertStatusAsync(HttpStatusCode.Created);

        var withdraw = $"/api/v1/editions/{id}/proposals/{proposalId}/withdraw";
        await (await PostAsync(withdraw, new JsonObject(), await fixture.Impostor.IssueAsync(Pesels.NextAdult()))).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        await (await PostAsync(withdraw, new JsonObject(), author)).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Appeal_TheAuthorIsWhoTheTokenSays()
    {
        var id = TestEditions.NewId();
        await (await _admin.PostJsonAsync("/api/v1/admin/editions", CycleEditions.Edition(id))).AssertStatusAsync(HttpStatusCode.Created);
        var authorPesel = Pesels.NextAdult();
        var author = await fixture.Trusted.IssueAsync(authorPesel);
        var proposal = CycleEditions.Proposal(authorPesel, "Fountain");
        proposal.Remove("author");
        var proposalId = (string)(await (await PostAsync($"/api/v1/editions/{id}/proposals", proposal, author)).AssertStatusAsync(HttpStatusCode.Created))["proposalId"]!;
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "verification" })).AssertStatusAsync(HttpStatusCode.OK);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/proposals/{proposalId}/decision", new JsonObject { ["decision"] = "rejected", ["justification"] = "Not city land." }))
            .AssertStatusAsync(HttpStatusCode.OK);
        await (await _admin.PostJsonAsync($"/api/v1/admin/editions/{id}/phase", new JsonObject { ["phase"] = "appeals" })).AssertStatusAsync(HttpStatusCode.OK);
        var path = $"/api/v1/editions/{id}/proposals/{proposalId}/appeal";
        var appeal = new JsonObject { ["reason"] = "It is city land." };

        await (await PostAsync(path, appeal, token: null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        await (await PostAsync(path, appeal, await fixture.Trusted.IssueAsync(Pesels.NextAdult()))).AssertProblemAsync(HttpStatusCode.Forbidden, "not-author");
        var claimingTheAuthor = new JsonObject { ["reason"] = "Mine.", ["author"] = new JsonObject { ["pesel"] = authorPesel } };
        await (await PostAsync(path, claimingTheAuthor, await fixture.Trusted.IssueAsync(Pesels.NextAdult()))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-pesel");
        var appealed = await (await PostAsync(path, appeal, author)).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("appealed", (string?)appealed["status"]);
    }

    private static async Task<(HttpStatusCode Status, string? Code)> AnswerAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length > 0 && JsonNode.Parse(body) is JsonObject json ? (string?)json["code"] : null);
    }
}

/// <summary>An authority that cannot be reached: the gateway cannot decide, so 503 <c>unavailable</c> (retry), not 401.</summary>
public sealed class OidcUnreachableAuthorityTests
{
    [Fact]
    public async Task UnreachableAuthority_Is503Unavailable_NotIdentityRequired()
    {
        await using var provider = await TestOidcProvider.StartAsync(OidcFixture.Audience);
        var token = await provider.IssueAsync(Pesels.NextAdult());
        await using var gateway = GatewayFactory.With(new Dictionary<string, string>
        {
            ["Identity:Mode"] = "oidc",
            ["Identity:Oidc:Authority"] = "http://127.0.0.1:1/",
            ["Identity:Oidc:Audience"] = OidcFixture.Audience,
            ["Identity:Oidc:RequireHttpsMetadata"] = "false",
        });
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var answer = await client.PostJsonAsync($"/api/v1/editions/{TestEditions.NewId()}/ballots", new JsonObject { ["selections"] = new JsonArray() });

        await answer.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
    }
}

/// <summary>Identity settings are checked at start and a bad one names its key.</summary>
public sealed class IdentityConfigurationTests
{
    [Theory]
    [InlineData("Identity:Oidc:Authority", "Identity:Oidc:Audience", "voting-api")]
    [InlineData("Identity:Oidc:Audience", "Identity:Oidc:Authority", "https://sso.example.invalid/")]
    public async Task Oidc_WithoutARequiredKey_FailsTheStartNamingIt(string missing, string givenKey, string givenValue)
    {
        await using var factory = GatewayFactory.With(new Dictionary<string, string> { ["Identity:Mode"] = "oidc", [givenKey] = givenValue });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(missing, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownMode_FailsTheStartNamingTheKey()
    {
        await using var factory = GatewayFactory.With(new Dictionary<string, string> { ["Identity:Mode"] = "passport" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Identity:Mode", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Identity:Smtp:Host", "Identity:Smtp:From", "Voting <noreply@example.pl>")]
    [InlineData("Identity:Smtp:From", "Identity:Smtp:Host", "smtp.example.pl")]
    public async Task EmailCode_WithoutSmtp_FailsTheStartNamingTheKey(string missing, string givenKey, string givenValue)
    {
        await using var factory = GatewayFactory.With(new Dictionary<string, string> { ["Identity:Mode"] = "email-code", [givenKey] = givenValue });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(missing, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Identity:Smtp:Port", "0")]
    [InlineData("Identity:Smtp:Security", "sometimes")]
    [InlineData("Identity:Smtp:User", "mailer")]
    [InlineData("Identity:Smtp:From", "not an address")]
    [InlineData("Identity:Smtp:Connections", "0")]
    public async Task EmailCode_WithABadSmtpSetting_FailsTheStartNamingIt(string key, string value)
    {
        var settings = new Dictionary<string, string>
        {
            ["Identity:Mode"] = "email-code",
            ["Identity:Smtp:Host"] = "smtp.example.pl",
            ["Identity:Smtp:From"] = "Voting <noreply@example.pl>",
        };
        settings[key] = value;
        await using var factory = GatewayFactory.With(settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }
}
