using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Voting.LoadTests.Identity;

/// <summary>
/// The SMTP sink of <c>email-code</c> runs (the SmtpServer package on a loopback port): keeps the
/// code of the last mail to each address in memory, and lets a caller wait for it.
/// </summary>
public sealed partial class CodeMailbox : MessageStore
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _codes = new(StringComparer.OrdinalIgnoreCase);
    private long _received;

    public long Received => Interlocked.Read(ref _received);

    public Task StartAsync(int port, CancellationToken cancellationToken)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("voting-load-sink")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        return new SmtpServer.SmtpServer(options, services).StartAsync(cancellationToken);
    }

    /// <summary>Forgets the address's code, so that the next wait is for a new mail.</summary>
    public void Expect(string address) => _codes[address] = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The code of the next mail to <paramref name="address"/> (after <see cref="Expect"/>), or null after <paramref name="timeout"/>.</summary>
    public async Task<string?> WaitAsync(string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var slot = _codes.GetOrAdd(address, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            return await slot.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        var code = CodePattern().Match(message.TextBody ?? "");
        if (code.Success)
        {
            Interlocked.Increment(ref _received);
            foreach (var to in message.To.Mailboxes)
            {
                _codes.GetOrAdd(to.Address, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(code.Value);
            }
        }
        return SmtpResponse.Ok;
    }

    [GeneratedRegex(@"\b\d{6,8}\b")]
    private static partial Regex CodePattern();
}
