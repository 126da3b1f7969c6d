using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Voting.Grains.Rules;

/// <summary>
/// Turns a PESEL into the pseudonymous voter key: HMAC-SHA256 with the deployment's secret, as lowercase hex.
/// Thread-safe: each thread keeps its own keyed HMAC state (reset after every key), which saves
/// setting the secret up again for every PESEL (half the cost of a one-shot HMAC).
/// </summary>
public sealed class VoterKeyDeriver
{
    private const int StackBytes = 256;

    private readonly byte[] _secret;
    private readonly ThreadLocal<IncrementalHash> _hmac;

    public VoterKeyDeriver(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            throw new ArgumentException("The voter-key secret must not be empty.", nameof(secret));
        }
        _secret = (byte[])secret.Clone();
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret));
    }

    /// <summary>The 64-character lowercase hex voter key of <paramref name="pesel"/>.</summary>
    public string Derive(string pesel)
    {
        ArgumentNullException.ThrowIfNull(pesel);
        // A PESEL is 11 bytes; imported voters' ids are longer: only those rent an array.
        var length = Encoding.UTF8.GetByteCount(pesel);
        var rented = length > StackBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var text = rented is null ? stackalloc byte[StackBytes] : rented;
            text = text[..Encoding.UTF8.GetBytes(pesel, text)];
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var hmac = _hmac.Value!;
            hmac.AppendData(text);
            hmac.GetHashAndReset(mac);
            return Convert.ToHexStringLower(mac);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
