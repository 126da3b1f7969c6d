using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Voting.LoadTests.Http;

namespace Voting.LoadTests.Identity;

/// <summary>
/// Turns a resident request body (<c>voter.pesel</c> or <c>author.pesel</c>) into what the
/// gateway's identity mode asks for: in <c>oidc</c> a bearer token from the test issuer; in
/// <c>email-code</c> a code requested from the gateway and read from the SMTP sink, put into the
/// body (one code per person, reused for that person's replays).
/// </summary>
public abstract class ResidentIdentity
{
    public abstract ValueTask<(byte[] Body, string? Bearer)> PrepareAsync(ApiClient api, byte[] body, CancellationToken cancellationToken);

    /// <summary>The PESEL the body speaks for, and the object that carries it.</summary>
    protected static (JsonObject Root, JsonObject? Person, string? Pesel) Read(byte[] body)
    {
        var root = JsonNode.Parse(body) as JsonObject ?? [];
        var person = (root["voter"] ?? root["author"]) as JsonObject;
        return (root, person, (string?)person?["pesel"]);
    }
}

/// <summary><c>oidc</c>: the body unchanged, an access token for its PESEL.</summary>
public sealed class OidcIdentity(TestIssuer issuer) : ResidentIdentity
{
    public override ValueTask<(byte[] Body, string? Bearer)> PrepareAsync(ApiClient api, byte[] body, CancellationToken cancellationToken)
    {
        var (_, _, pesel) = Read(body);
        return ValueTask.FromResult((body, pesel is null ? null : issuer.TokenFor(pesel)));
    }
}

/// <summary><c>email-code</c>: the body with <c>code</c> added next to the PESEL.</summary>
public sealed class EmailCodeIdentity(CodeMailbox mailbox) : ResidentIdentity
{
    public static readonly TimeSpan MailWait = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _codes = new();
    private long _failed;

    /// <summary>Persons whose code did not come (no 202, or no mail within <see cref="MailWait"/>).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public override async ValueTask<(byte[] Body, string? Bearer)> PrepareAsync(ApiClient api, byte[] body, CancellationToken cancellationToken)
    {
        var (root, person, pesel) = Read(body);
        if (pesel is null || person is null)
        {
            return (body, null);
        }
        var code = await _codes.GetOrAdd(pesel, p => new Lazy<Task<string?>>(() => RequestCodeAsync(api, p, cancellationToken))).Value;
        if (code is null)
        {
            return (body, null); // the gateway answers 401: counted as a failed request
        }
        person["code"] = code;
        return (ApiClient.Serialize(root), null);
    }

    private async Task<string?> RequestCodeAsync(ApiClient api, string pesel, CancellationToken cancellationToken)
    {
        var email = $"{pesel}@load-test.invalid";
        mailbox.Expect(email);
        var request = ApiClient.Serialize(new JsonObject { ["voter"] = new JsonObject { ["pesel"] = pesel }, ["email"] = email, ["language"] = "en" });
        var answer = await api.SendAsync(HttpMethod.Post, "/api/v1/verification-codes", request, null, false, cancellationToken);
        var code = answer.Status == 202 ? await mailbox.WaitAsync(email, MailWait, cancellationToken) : null;
        if (code is null)
        {
            Interlocked.Increment(ref _failed);
        }
        return code;
    }
}
