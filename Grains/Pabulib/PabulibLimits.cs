using System.Text;

namespace Voting.Grains.Pabulib;

/// <summary>
/// Bounds on what an imported file may describe, so that a hostile file is refused before it
/// costs unbounded memory or overflows a sum: projects per file, line length, money, points.
/// </summary>
public static class PabulibLimits
{
    public const int MaxProjects = 10_000;

    public const int MaxLineChars = 64 * 1024;

    /// <summary>Costs and budgets (whole złoty): 10^14, so that 10,000 costs still sum within a long.</summary>
    public const long MaxMoney = 100_000_000_000_000;

    /// <summary>Points one cumulative ballot may hand out in total.</summary>
    public const int MaxSumPoints = 1_000_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file as text: strict UTF-8, no line longer than <see cref="MaxLineChars"/>.</summary>
    public static string Decode(byte[] bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new PabulibInvalidException("encoding", 1, "the file is not valid UTF-8.");
        }
        var line = 1;
        var length = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                length = 0;
            }
            else if (++length > MaxLineChars)
            {
                throw new PabulibInvalidException("line", line, $"the line is longer than {MaxLineChars} characters.");
            }
        }
        return text;
    }

    /// <summary>A positive whole amount of money within <see cref="MaxMoney"/>.</summary>
    public static long Money(string key, int line, string? text)
    {
        if (!PabulibNumbers.TryParseWhole(text, out var value) || value <= 0 || value > MaxMoney)
        {
            throw new PabulibInvalidException(key, line, $"'{Shorten(text)}' is not a positive whole number up to {MaxMoney}.");
        }
        return value;
    }

    public static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
