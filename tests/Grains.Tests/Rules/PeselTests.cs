using Voting.Grains.Rules;
using Xunit;

namespace Voting.Grains.Tests.Rules;

public sealed class PeselTests
{
    [Theory]
    [InlineData("44051401359", 1944, 5, 14, false)]
    [InlineData("90831512342", 1890, 3, 15, true)]   // month +80 → 1800s
    [InlineData("85123156786", 1985, 12, 31, true)]  // month +0 → 1900s
    [InlineData("04222911117", 2004, 2, 29, false)]  // month +20 → 2000s, leap day
    [InlineData("05470122221", 2105, 7, 1, true)]    // month +40 → 2100s
    [InlineData("30713033343", 2230, 11, 30, true)]  // month +60 → 2200s
    public void TryParse_ValidPesel_ReturnsBirthDateAndSex(string text, int year, int month, int day, bool female)
    {
        Assert.True(Pesel.TryParse(text, out var info));
        Assert.Equal(new DateOnly(year, month, day), info.BirthDate);
        Assert.Equal(female, info.IsFemale);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4405140135")]     // 10 digits
    [InlineData("440514013590")]   // 12 digits
    [InlineData("4405140135a")]    // a letter
    [InlineData("44051401358")]    // wrong control digit
    [InlineData("44051401369")]    // a changed digit
    [InlineData(" 4405140135")]    // whitespace
    [InlineData("４4051401359")]    // a non-ASCII digit
    [InlineData("90023000000")]    // 30 February (checksum fine)
    [InlineData("01222900006")]    // 29 February 2001, not a leap year
    [InlineData("90130100004")]    // month 13
    [InlineData("90010000002")]    // day 0
    public void TryParse_InvalidPesel_ReturnsFalse(string? text)
    {
        Assert.False(Pesel.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_EveryCenturyOffsetOfOneDate_DecodesItsCentury()
    {
        foreach (var (offset, century) in new[] { (80, 1800), (0, 1900), (20, 2000), (40, 2100), (60, 2200) })
        {
            var text = MakePesel(12, 6 + offset, 15, "0421");
            Assert.True(Pesel.TryParse(text, out var info), text);
            Assert.Equal(new DateOnly(century + 12, 6, 15), info.BirthDate);
        }
    }

    [Theory]
    [InlineData(2000, 5, 14, 2018, 5, 13, 17)]
    [InlineData(2000, 5, 14, 2018, 5, 14, 18)]
    [InlineData(2000, 5, 14, 2018, 12, 1, 18)]
    [InlineData(2000, 2, 29, 2018, 2, 28, 17)]
    [InlineData(2000, 2, 29, 2018, 3, 1, 18)]
    [InlineData(2000, 2, 29, 2020, 2, 29, 20)]
    [InlineData(2000, 12, 31, 2001, 1, 1, 0)]
    public void AgeOn_BirthdayEdges_CountsFullYears(int by, int bm, int bd, int y, int m, int d, int expected)
    {
        Assert.Equal(expected, Pesel.AgeOn(new DateOnly(by, bm, bd), new DateOnly(y, m, d)));
    }

    private static string MakePesel(int yearInCentury, int encodedMonth, int day, string serial)
    {
        var body = $"{yearInCentury:00}{encodedMonth:00}{day:00}{serial}";
        int[] weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + ((10 - (sum % 10)) % 10);
    }
}
