using Microsoft.Extensions.Logging;

namespace Voting.Runtime.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} acquired shards {Shards}")]
    public static partial void Acquired(ILogger logger, string siloId, string shards);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} handed over shards {Shards}")]
    public static partial void Released(ILogger logger, string siloId, string shards);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} stopped serving shards {Shards}: {Reason}")]
    public static partial void Lost(ILogger logger, string siloId, string shards, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease round of silo {SiloId} failed: {Reason}")]
    public static partial void RoundFailed(ILogger logger, string siloId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} is leaving: draining {Shards} shards")]
    public static partial void Leaving(ILogger logger, string siloId, int shards);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard map refresh failed: {Reason}")]
    public static partial void MapRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain call to {Silo} retried after {Reason}")]
    public static partial void CallRetried(ILogger logger, string silo, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A call on shard {Shard} was refused by the lease fence or lost the shard mid-call; the caller retries elsewhere")]
    public static partial void Fenced(ILogger logger, int shard);
}
