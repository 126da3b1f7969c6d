using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Voting.Grains.Identity;
using Voting.Identity;
using Voting.Storage;

namespace Voting.Silo.Mail;

/// <summary>
/// Sends the ledger's queued code e-mails (table <c>mail_outbox</c>) through SMTP, on every silo.
/// A silo claims a row with a version-guarded replace that moves its <c>NotBefore</c> a lease
/// ahead, so several silos never send the same row at once, and a silo that dies holding a claim
/// only delays that mail until the lease ends. A row is deleted once SMTP accepted the mail (or
/// its code expired): at least once, never lost by a crash, the address and code kept no longer.
/// </summary>
internal sealed class OutboxSender(IGrainStorage storage, MailOutboxSignal signal, IOptions<SmtpOptions> options, TimeProvider time, ILogger<OutboxSender> logger) : BackgroundService
{
    /// <summary>How often the outbox is read when no local grain has signalled (mail queued on another silo, or before a restart).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim holds a row.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private const int BatchSize = 200;

    private readonly SmtpOptions _smtp = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever failed (the ledger, a row), the sender lives on: the rows stay queued and are read again.
                MailLog.OutboxUnreadable(logger, e.GetType().Name);
                await Task.Delay(PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new List<(KeyedRow Row, OutboxMail Mail)>();
        var unreadable = new List<string>();
        await foreach (var row in storage.ReadScopeAsync(IdentityRows.Outbox.Name, IdentityRows.PendingMail, cancellationToken))
        {
            OutboxMail mail;
            try
            {
                mail = IdentityRows.Read<OutboxMail>(row.Data);
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
            {
                unreadable.Add(row.Key); // never sendable: it must not block the others
                continue;
            }
            if (mail.NotBefore <= now)
            {
                due.Add((row, mail));
            }
            if (due.Count == BatchSize)
            {
                break;
            }
        }
        await Task.WhenAll(unreadable.Select(key => DeleteAsync(key, cancellationToken)));
        if (due.Count == 0)
        {
            return;
        }
        var expired = due.Where(d => d.Mail.ExpiresAt <= now).ToList();
        await Task.WhenAll(expired.Select(d => DeleteAsync(d.Row.Key, cancellationToken)));
        var claims = await Task.WhenAll(due.Except(expired).Select(d => ClaimAsync(d.Row, d.Mail with { NotBefore = now + Lease, Attempts = d.Mail.Attempts + 1 }, cancellationToken)));
        var claimed = claims.OfType<Claim>().ToList();
        // Several SMTP connections at once: one connection sends one mail per round trips of MAIL/RCPT/DATA.
        await Task.WhenAll(claimed.Chunk(Math.Max(1, (claimed.Count + _smtp.Connections - 1) / _smtp.Connections)).Select(chunk => SendAsync([.. chunk], cancellationToken)));
    }

    private async Task SendAsync(List<Claim> claimed, CancellationToken cancellationToken)
    {
        var from = MailboxAddress.Parse(_smtp.From!);
        var minutes = (int)VerificationCodes.Lifetime.TotalMinutes;
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_smtp.Host!, _smtp.Port, _smtp.SocketOptions, cancellationToken);
            if (!string.IsNullOrEmpty(_smtp.User))
            {
                await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception e) when (IsSmtpFailure(e))
        {
            MailLog.SmtpUnreachable(logger, claimed.Count, e.GetType().Name);
            await Task.WhenAll(claimed.Select(c => RetryLaterAsync(c, cancellationToken)));
            return;
        }
        var done = new List<string>(); // sent, or refused for good: deleted together after the batch
        var sent = 0;
        foreach (var claim in claimed)
        {
            try
            {
                await client.SendAsync(CodeMailTemplates.Compose(from, claim.Mail.To, claim.Mail.Code, claim.Mail.Language, minutes), cancellationToken);
                sent++;
                done.Add(claim.Key);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                // Refused for good (e.g. no such mailbox): nothing to retry; the row goes with its address and code.
                MailLog.Refused(logger, (int)e.StatusCode);
                done.Add(claim.Key);
            }
            catch (ParseException e)
            {
                MailLog.SendFailed(logger, e.GetType().Name);
                done.Add(claim.Key);
            }
            catch (Exception e) when (IsSmtpFailure(e))
            {
                MailLog.SendFailed(logger, e.GetType().Name);
                await RetryLaterAsync(claim, cancellationToken);
            }
        }
        await Task.WhenAll(done.Select(key => DeleteAsync(key, cancellationToken)));
        MailLog.Sent(logger, sent);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
    }

    private static bool IsSmtpFailure(Exception e) =>
        e is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
            or MailKit.Security.SslHandshakeException or MailKit.Security.AuthenticationException;

    /// <summary>The row back in the queue after a backoff (1, 2, 4 … 60 s), if this silo still holds its claim.</summary>
    private Task RetryLaterAsync(Claim claim, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Max(0, claim.Mail.Attempts - 1))));
        var back = claim.Mail with { NotBefore = time.GetUtcNow() + backoff };
        return storage.WriteAsync(new WriteUnit([new ReplaceRow(IdentityRows.Outbox.Name, IdentityRows.PendingMail, claim.Key, IdentityRows.Write(back), claim.Version)]), cancellationToken);
    }

    private async Task<Claim?> ClaimAsync(KeyedRow row, OutboxMail claim, CancellationToken cancellationToken)
    {
        var result = await storage.WriteAsync(new WriteUnit([new ReplaceRow(IdentityRows.Outbox.Name, IdentityRows.PendingMail, row.Key, IdentityRows.Write(claim), row.Version)]), cancellationToken);
        return result.Outcome == WriteOutcome.Committed ? new Claim(row.Key, claim, row.Version + 1) : null;
    }

    private Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        storage.WriteAsync(new WriteUnit([new DeleteRow(IdentityRows.Outbox.Name, IdentityRows.PendingMail, key)]), cancellationToken);

    private sealed record Claim(string Key, OutboxMail Mail, long Version);
}
