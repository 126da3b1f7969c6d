using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Voting.LoadTests.Identity;

/// <summary>
/// A test OpenID Connect issuer for <c>oidc</c> runs: an ES256 key kept in a file (so a gateway
/// that cached the keys of an earlier run still trusts the next one), its discovery document and
/// JWKS, and short-lived access tokens with the PESEL claim, one per PESEL (cached).
/// </summary>
public sealed class TestIssuer
{
    private readonly ECDsaSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly TimeProvider _time;

    public TestIssuer(string issuer, string audience, string keyFile, TimeProvider time)
    {
        _time = time;
        Issuer = issuer;
        Audience = audience;
        var ecdsa = ECDsa.Create();
        if (File.Exists(keyFile))
        {
            ecdsa.ImportFromPem(File.ReadAllText(keyFile));
        }
        else
        {
            ecdsa.GenerateKey(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(keyFile, ecdsa.ExportECPrivateKeyPem());
        }
        _key = new ECDsaSecurityKey(ecdsa) { KeyId = Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()))[..16] };
    }

    public string Issuer { get; }

    public string Audience { get; }

    /// <summary>An access token for <paramref name="pesel"/>, valid one hour.</summary>
    public string TokenFor(string pesel) => _tokens.GetOrAdd(pesel, p => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        IssuedAt = _time.GetUtcNow().UtcDateTime,
        NotBefore = _time.GetUtcNow().UtcDateTime.AddMinutes(-1),
        Expires = _time.GetUtcNow().UtcDateTime.AddHours(1),
        Claims = new Dictionary<string, object> { ["sub"] = "load-" + p, ["pesel"] = p },
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256),
    }));

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
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(_key);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = jwk.Kty, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y, ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "ES256",
            }),
        }.ToJsonString();
    }
}
