using MailKit.Security;
using MimeKit;

namespace Voting.Silo.Mail;

/// <summary>
/// Section <c>Identity:Smtp</c>: the SMTP server that sends the one-time codes of
/// <c>Identity:Mode=email-code</c>. Read where the ledger is (embedded process, silos).
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Identity:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>The sender, e.g. <c>Budżet Obywatelski &lt;glosowanie@example.pl&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>Optional login (with <see cref="Password"/>).</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// SMTP connections a sender opens at once. One connection sends one mail after another
    /// (MAIL, RCPT, DATA round trips): with 4, codes went out at ~87 a second here and a resident
    /// waited 1.4 s (median) at saturation; with 16, ~307 a second and 0.4 s. Lower it for a relay
    /// that limits connections per client.
    /// </summary>
    public int Connections { get; set; } = 16;

    /// <summary><c>auto</c> (default: TLS on port 465, STARTTLS where offered elsewhere), <c>starttls</c> (required), <c>tls</c> (TLS on connect), <c>none</c>.</summary>
    public string Security { get; set; } = "auto";

    public SecureSocketOptions SocketOptions => Security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>What is wrong, each naming its key (empty when the settings can send mail).</summary>
    public IEnumerable<string> Problems(string why)
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return $"{Section}:Host is required {why}.";
        }
        if (Port is < 1 or > 65535)
        {
            yield return $"{Section}:Port must be between 1 and 65535.";
        }
        if (string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return $"{Section}:From must be a sender address (e.g. 'Voting <noreply@example.pl>') {why}.";
        }
        if (Connections is < 1 or > 100)
        {
            yield return $"{Section}:Connections must be between 1 and 100.";
        }
        if (Security.ToLowerInvariant() is not ("auto" or "none" or "starttls" or "tls"))
        {
            yield return $"{Section}:Security '{Security}' is not one of auto, starttls, tls, none.";
        }
        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password))
        {
            yield return $"{Section}:User and {Section}:Password go together.";
        }
    }
}
