using Microsoft.Extensions.Logging;

namespace Voting.Runtime.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Group commit of {Units} units failed on attempt {Attempt}, retrying: {Reason}")]
    public static partial void CommitRetry(ILogger logger, int units, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Group commit of {Units} units failed; callers are told nothing was recorded")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int units);
}
