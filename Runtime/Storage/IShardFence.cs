using System.Data.Common;

namespace Voting.Runtime.Storage;

/// <summary>
/// Fences group commits by shard ownership. Called inside the batch's transaction before any
/// write; it must keep the ownership it reports stable until that transaction ends (for example
/// by locking the lease rows), so a writer that lost a shard can never write to it.
/// </summary>
public interface IShardFence
{
    /// <summary>The subset of <paramref name="shards"/> this writer still owns.</summary>
    Task<IReadOnlySet<int>> HoldAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<int> shards, CancellationToken cancellationToken);
}

/// <summary>The fence of a single process that owns every shard (embedded mode).</summary>
public sealed class OwnAllShardsFence : IShardFence
{
    public Task<IReadOnlySet<int>> HoldAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<int> shards, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<int>>(shards.ToHashSet());
}
