using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Voting.Grains.Storage;

/// <summary>
/// Receipt ids: 32 lowercase hex digits, the receipt's time in Unix milliseconds (48 bits)
/// followed by 80 random bits. The random part makes a receipt impossible to guess or to link to
/// a voter; the time prefix (which the receipt shows anyway as castAt) makes new ids sort after
/// older ones, so the receipts index of SQLite and PostgreSQL grows at its right edge instead
/// of dirtying a random page per vote (measured in BENCHMARKS.md, issue 13).
/// </summary>
public static class ReceiptIds
{
    public static string New(DateTimeOffset at)
    {
        Span<byte> id = stackalloc byte[16];
        Span<byte> millis = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(millis, at.ToUnixTimeMilliseconds());
        millis[2..].CopyTo(id);
        RandomNumberGenerator.Fill(id[6..]);
        return Convert.ToHexStringLower(id);
    }

    public static bool LooksValid(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
