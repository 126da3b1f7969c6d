using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;

namespace Voting.Gateway.Tests.Infrastructure;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd (<c>python3 -m aiosmtpd</c>, package python3-aiosmtpd,
/// installed by scripts/install-deps) on a loopback port, storing what it receives in a Maildir
/// that the tests read.
/// </summary>
public sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HashSet<string> _taken = [];

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>A loopback port nothing listens on (yet): for an SMTP server that is down.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<SmtpSink> StartAsync(int? port = null)
    {
        var chosen = port ?? FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "voting-smtp-" + Guid.NewGuid().ToString("N"));
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; // Debian's, where python3-aiosmtpd lives
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{chosen}", "-c", "aiosmtpd.handlers.Mailbox", folder])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sink = new SmtpSink(process, chosen, folder);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited ({process.ExitCode}); is python3-aiosmtpd installed (scripts/install-deps)? {errors}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, chosen);
                return sink;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Received()
    {
        var inbox = Path.Combine(Folder, "new");
        return Directory.Exists(inbox)
            ? Directory.GetFiles(inbox).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    /// <summary>The next message to <paramref name="address"/> not returned before, waiting for it up to <paramref name="timeout"/> (default 20 s).</summary>
    public async Task<MimeMessage> NextMailToAsync(string address, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)))
        {
            var inbox = Path.Combine(Folder, "new");
            foreach (var file in Directory.Exists(inbox) ? Directory.GetFiles(inbox).Order(StringComparer.Ordinal).ToArray() : [])
            {
                if (_taken.Contains(file))
                {
                    continue;
                }
                MimeMessage message;
                try
                {
                    message = await MimeMessage.LoadAsync(file);
                }
                catch (IOException)
                {
                    continue; // still being written
                }
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                {
                    _taken.Add(file);
                    return message;
                }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No mail to {address} arrived at the SMTP sink.");
    }

    /// <summary>The 6-8 digit code in a code e-mail's text.</summary>
    public static string CodeIn(MimeMessage message) =>
        CodePattern().Match(message.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException("The mail carries no code.");

    public async Task<string> NextCodeForAsync(string address) => CodeIn(await NextMailToAsync(address));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"\b\d{6,8}\b")]
    private static partial Regex CodePattern();
}
