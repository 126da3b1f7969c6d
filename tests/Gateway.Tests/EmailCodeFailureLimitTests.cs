using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// Issues 9 and 10: wrong one-time codes are failed attempts of their voter, so after
/// RateLimiting:VoterFailures of them even the right code waits out the window (429), and nothing
/// is recorded. Bounds code guessing beyond the five tries a single code allows.
/// </summary>
public sealed class EmailCodeFailureLimitTests
{
    [Fact]
    public async Task Wrong_codes_count_against_the_voter_until_even_the_right_code_answers_429()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var gateway = GatewayFactory.With(new Dictionary<string, string>
        {
            ["Identity:Mode"] = "email-code",
            ["Identity:Smtp:Host"] = "127.0.0.1",
            ["Identity:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Identity:Smtp:From"] = "glosowanie@example.pl",
            ["Identity:Smtp:Security"] = "none",
            ["RateLimiting:VoterFailures"] = "2",
        });
        var admin = gateway.CreateAdminClient();
        var client = gateway.CreateClient();
        var edition = TestEditions.NewId();
        await (await admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(edition))).AssertStatusAsync(HttpStatusCode.Created);
        var pesel = Pesels.NextAdult();
        var email = $"r-{Guid.NewGuid():N}@example.pl";
        var request = new JsonObject { ["voter"] = new JsonObject { ["pesel"] = pesel }, ["email"] = email };
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/v1/verification-codes", request)).StatusCode);
        var code = await smtp.NextCodeForAsync(email);
        var wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        for (var i = 0; i < 2; i++)
        {
            await (await VoteAsync(client, edition, pesel, wrong)).AssertProblemAsync(HttpStatusCode.Unauthorized, "identity-required");
        }
        await (await VoteAsync(client, edition, pesel, code)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");

        var results = await (await client.GetAsync($"/api/v1/editions/{edition}/results")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, (long)results["ballots"]!);
    }

    private static Task<HttpResponseMessage> VoteAsync(HttpClient client, string edition, string pesel, string code)
    {
        var ballot = TestEditions.Ballot(pesel, "c1");
        ballot["voter"]!["code"] = code;
        return client.PostJsonAsync($"/api/v1/editions/{edition}/ballots", ballot);
    }
}
