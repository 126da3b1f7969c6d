namespace Voting.Gateway;

/// <summary>Gateway log messages. Never pass a PESEL to any of them.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request to {Path} failed with {ErrorType}: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string path, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Admin:Token is configured; a token was generated for this run and printed to the console.")]
    public static partial void AdminTokenGenerated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Edition {EditionId} moved to phase {Phase}")]
    public static partial void PhaseChanged(ILogger logger, string editionId, string phase);
}
