namespace Voting.Storage;

/// <summary>The storage grains use: row reads, counter sums, and group-committed writes.</summary>
public interface IGrainStorage
{
    Task<StoredRow?> ReadRowAsync(string table, string scope, string key, CancellationToken cancellationToken = default);

    /// <summary>All rows of one scope, ordered by key.</summary>
    IAsyncEnumerable<KeyedRow> ReadScopeAsync(string table, string scope, CancellationToken cancellationToken = default);

    /// <summary>Counter totals of a scope, summed over all shard slots.</summary>
    Task<IReadOnlyDictionary<string, long>> SumCountersAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues the unit for the next group commit and completes once that transaction has
    /// committed durably, or throws <see cref="Failures.UnavailableException"/> (nothing written) or
    /// <see cref="Failures.OutcomeUnknownException"/> (the commit's answer was lost).
    /// </summary>
    Task<WriteResult> WriteAsync(WriteUnit unit, CancellationToken cancellationToken = default);
}
