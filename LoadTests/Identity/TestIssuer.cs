using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Voting.LoadTests.Identity;

/// <summary>
/// A test OpenID Connect issuer for <c>oidc</c> runs: an ES256 key kept in a file (so a gateway
/// that cached the keys of an earlier run still trusts the next one), its discovery document and
/// JWKS, and access tokens (JWS compact, ES256) with the PESEL claim, valid one hour, one per PESEL.
/// </summary>
public sealed class TestIssuer
{
    private readonly ECDsa _key = ECDsa.Create();
    private readonly string _keyId;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    public TestIssuer(string issuer, string audience, string keyFile, TimeProvider time)
    {
        Issuer = issuer;
        Audience = audience;
        _time = time;
        if (File.Exists(keyFile))
        {
            _key.ImportFromPem(File.ReadAllText(keyFile));
        }
        else
        {
            _key.GenerateKey(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(keyFile, _key.ExportECPrivateKeyPem());
        }
        _keyId = Convert.ToHexStringLower(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public string Issuer { get; }

    public string Audience { get; }

    public string TokenFor(string pesel) => _tokens.GetOrAdd(pesel, Sign);

    private string Sign(string pesel)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = _keyId };
        var payload = new JsonObject
        {
            ["iss"] = Issuer, ["aud"] = Audience, ["sub"] = "load-" + pesel, ["pesel"] = pesel,
            ["iat"] = now, ["nbf"] = now - 60, ["exp"] = now + 3600,
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url(signature);
    }

    public string DiscoveryDocument() => new JsonObject
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer.TrimEnd('/') + "/jwks",
        ["response_types_supported"] = new JsonArray("token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("ES256"),
    }.ToJsonString();

    public string Jwks()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url(p.Q.X!), ["y"] = Base64Url(p.Q.Y!), ["kid"] = _keyId, ["use"] = "sig", ["alg"] = "ES256",
            }),
        }.ToJsonString();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
