using Voting.Runtime.Grains;

namespace Voting.Runtime.Storage;

public static class GrainStorageExtensions
{
    /// <summary>
    /// Writes a grain's unit, fenced by the grain's shard. The answer is Committed or
    /// GuardFailed; a write refused because this process no longer owns the shard throws
    /// <see cref="NotOwnerException"/>, so the caller re-routes the call to the new owner.
    /// </summary>
    public static async Task<WriteResult> WriteForAsync(this IGrainStorage storage, Grain grain, IReadOnlyList<WriteOp> ops)
    {
        var result = await storage.WriteAsync(new WriteUnit(grain.Shard, ops));
        return result.Outcome == WriteOutcome.NotOwner ? throw new NotOwnerException(grain.Shard) : result;
    }
}
