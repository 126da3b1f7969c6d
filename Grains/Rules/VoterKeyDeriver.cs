using System.Security.Cryptography;
using System.Text;

namespace Voting.Grains.Rules;

/// <summary>
/// Turns a PESEL into the pseudonymous voter key: HMAC-SHA256 with the deployment's secret, as lowercase hex.
/// Thread-safe: it keeps no mutable state.
/// </summary>
public sealed class VoterKeyDeriver
{
    private readonly byte[] _secret;

    public VoterKeyDeriver(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            throw new ArgumentException("The voter-key secret must not be empty.", nameof(secret));
        }
        _secret = (byte[])secret.Clone();
    }

    /// <summary>The 64-character lowercase hex voter key of <paramref name="pesel"/>.</summary>
    public string Derive(string pesel)
    {
        ArgumentNullException.ThrowIfNull(pesel);
        var mac = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(pesel));
        return Convert.ToHexStringLower(mac);
    }
}
