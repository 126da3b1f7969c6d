using MimeKit;

namespace Voting.Silo.Mail;

/// <summary>The e-mail that carries a one-time code, in Polish (default) or English.</summary>
public static class CodeMailTemplates
{
    public const string Polish = "pl";
    public const string English = "en";

    public static MimeMessage Compose(MailboxAddress from, string to, string code, string language, int minutes)
    {
        var english = string.Equals(language, English, StringComparison.OrdinalIgnoreCase);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = english ? "Your verification code" : "Twój kod weryfikacyjny";
        message.Headers.Add(HeaderId.ContentLanguage, english ? English : Polish);
        message.Body = new TextPart("plain") { Text = english ? EnglishBody(code, minutes) : PolishBody(code, minutes) };
        return message;
    }

    private static string PolishBody(string code, int minutes) =>
        $"""
        Dzień dobry,

        Twój kod weryfikacyjny: {code}

        Wpisz go, aby oddać głos, podpisać inicjatywę lub poprzeć projekt. Kod jest ważny
        przez {minutes} minut i można go użyć jeden raz.

        Jeśli to nie Ty prosisz o kod, zignoruj tę wiadomość. Nikt z urzędu nie poprosi
        Cię o podanie tego kodu.
        """;

    private static string EnglishBody(string code, int minutes) =>
        $"""
        Hello,

        Your verification code: {code}

        Enter it to cast your vote, sign an initiative or support a project. The code is
        valid for {minutes} minutes and can be used once.

        If you did not ask for a code, ignore this message. No one from the city will ever
        ask you for this code.
        """;
}
