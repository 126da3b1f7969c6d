using System.Globalization;
using Voting.Grains.Storage;
using Xunit;

namespace Voting.Grains.Tests.Storage;

public sealed class ReceiptIdsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(86_400_000)]
    public void LaterReceipts_SortAfterEarlierOnes(long laterByMs)
    {
        // The receipts index grows at its right edge only if ids sort by time (ordinal, as the databases compare them).
        for (var i = 0; i < 100; i++)
        {
            var earlier = ReceiptIds.New(Noon);
            var later = ReceiptIds.New(Noon.AddMilliseconds(laterByMs));
            Assert.True(string.CompareOrdinal(earlier, later) < 0, $"{earlier} should sort before {later}");
        }
    }

    [Fact]
    public void TheTimePrefixIsTheUnixMillisecond()
    {
        var id = ReceiptIds.New(Noon.AddMilliseconds(123));
        Assert.Equal(Noon.ToUnixTimeMilliseconds() + 123, long.Parse(id[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void IdsOfTheSameMillisecond_AreDistinctAndWellFormed()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => ReceiptIds.New(Noon)).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.True(ReceiptIds.LooksValid(id), id));
        // 80 random bits follow the time: no two ids share the random part either.
        Assert.Equal(ids.Count, ids.Select(id => id[12..]).Distinct(StringComparer.Ordinal).Count());
    }
}
