using Voting.Grains.Storage;
using Voting.Storage.Azure;
using Xunit;

namespace Voting.Grains.Tests.Storage;

/// <summary>The Azure ledger's partition rule: an owner's rows share one partition, and keys that grow with time do not share one key range.</summary>
public sealed class AzurePartitionTests
{
    [Fact]
    public void An_editions_rows_counters_and_definition_share_one_partition()
    {
        var home = AzureKeys.PartitionOf(Tables.Global, "warszawa-2025");
        Assert.Equal(home, AzureKeys.PartitionOf("warszawa-2025", "voter-key"));
        Assert.Equal(home, AzureKeys.PartitionOf("warszawa-2025/p7", "voter-key"));
        Assert.Equal(home, AzureKeys.CounterPartition(Tables.EditionCounters("warszawa-2025")));
        Assert.Equal(home, AzureKeys.CounterPartition(Tables.ProposalCounters("warszawa-2025")));
        Assert.NotEqual(home, AzureKeys.PartitionOf(Tables.Global, "krakow-2025"));
    }

    [Fact]
    public void Receipts_of_one_second_spread_over_many_key_ranges()
    {
        // Receipt ids start with their time; Azure keeps partitions in key ranges, so without a
        // spreading prefix a second's receipts would all sort into one range (one hot server).
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var partitions = Enumerable.Range(0, 1_000)
            .Select(i => AzureKeys.PartitionOf(Tables.Global, ReceiptIds.New(at.AddMilliseconds(i))))
            .ToList();
        var leadingPairs = partitions.Select(p => p[..2]).Distinct(StringComparer.Ordinal).Count();
        Assert.True(leadingPairs > 200, $"1,000 receipts used only {leadingPairs} of 256 leading key ranges");
        Assert.NotEqual(partitions.OrderBy(p => p, StringComparer.Ordinal), partitions);
    }
}
