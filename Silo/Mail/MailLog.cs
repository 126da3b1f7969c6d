using Microsoft.Extensions.Logging;

namespace Voting.Silo.Mail;

/// <summary>Logs of the code outbox: counts and failure kinds only, never an address or a code.</summary>
internal static partial class MailLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Code e-mails sent: {Count}")]
    public static partial void Sent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP server not reachable ({Failure}); {Count} code e-mails stay queued and are retried")]
    public static partial void SmtpUnreachable(ILogger logger, int count, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A code e-mail was not sent ({Failure}); it stays queued and is retried")]
    public static partial void SendFailed(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP server refused a code e-mail for good (status {Status}); it is dropped")]
    public static partial void Refused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail outbox could not be worked through ({Failure}); retrying")]
    public static partial void OutboxUnreadable(ILogger logger, string failure);
}
