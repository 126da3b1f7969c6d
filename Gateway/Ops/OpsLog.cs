namespace Voting.Gateway.Ops;

internal static partial class OpsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "OpenTelemetry export (traces and metrics) to {Endpoint} over {Protocol}")]
    public static partial void OtlpExportEnabled(ILogger logger, Uri endpoint, string protocol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenTelemetry {Signal} provider failed to shut down; some data may not have been exported")]
    public static partial void OtlpShutdownFailed(ILogger logger, Exception exception, string signal);
}
