using Microsoft.Extensions.Logging;

namespace Voting.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Group commit of {Units} units failed on attempt {Attempt}, retrying: {Reason}")]
    public static partial void CommitRetry(ILogger logger, int units, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Group commit of {Units} units failed; callers are told nothing was recorded")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int units);

    [LoggerMessage(Level = LogLevel.Error, Message = "Group commit of {Units} units lost its answer; callers are told the outcome is unknown")]
    public static partial void CommitOutcomeUnknown(ILogger logger, Exception exception, int units);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Locators that point at no row were left in place (harmless; read as no row): {Reason}")]
    public static partial void LocatorsLeft(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint failed (the writer's automatic checkpoint still bounds the WAL): {Reason}")]
    public static partial void CheckpointFailed(ILogger logger, string reason);
}
