using System.Security.Cryptography;

namespace Voting.Grains.Storage;

/// <summary>Receipt ids: 128 random bits, so a receipt cannot be guessed nor linked to a voter.</summary>
public static class ReceiptIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool LooksValid(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
