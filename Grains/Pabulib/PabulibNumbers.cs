using System.Globalization;

namespace Voting.Grains.Pabulib;

/// <summary>Whole numbers as pabulib files write them: "1415000" or "1415000.0".</summary>
internal static class PabulibNumbers
{
    private const NumberStyles Styles =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite |
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static bool TryParseWhole(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text) ||
            !decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var number) ||
            number != decimal.Truncate(number) ||
            number < long.MinValue || number > long.MaxValue)
        {
            return false;
        }
        value = (long)number;
        return true;
    }

    public static bool TryParseInt(string? text, out int value)
    {
        value = 0;
        if (!TryParseWhole(text, out var whole) || whole < int.MinValue || whole > int.MaxValue)
        {
            return false;
        }
        value = (int)whole;
        return true;
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits a comma-separated list ("3,2,1"); an empty text is an empty list.</summary>
    public static string[] SplitList(string text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(',', StringSplitOptions.TrimEntries);
}
