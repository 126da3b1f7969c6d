using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Voting.Silo.Mail;

namespace Voting.Gateway.Identity;

/// <summary>
/// The language of the code e-mail: the body's <c>language</c> if it is Polish or English, else
/// the first of those two in <c>Accept-Language</c> (by quality), else Polish.
/// </summary>
public static class CodeLanguage
{
    public static string Pick(string? stated, StringValues acceptLanguage)
    {
        if (Known(stated) is { } fromBody)
        {
            return fromBody;
        }
        if (StringWithQualityHeaderValue.TryParseList(acceptLanguage, out var ranges))
        {
            foreach (var range in ranges.OrderByDescending(r => r.Quality ?? 1))
            {
                if (Known(range.Value.Value) is { } fromHeader)
                {
                    return fromHeader;
                }
            }
        }
        return CodeMailTemplates.Polish;
    }

    private static string? Known(string? tag)
    {
        var primary = tag?.Split('-', 2)[0].Trim();
        return primary is null ? null
            : primary.Equals(CodeMailTemplates.Polish, StringComparison.OrdinalIgnoreCase) ? CodeMailTemplates.Polish
            : primary.Equals(CodeMailTemplates.English, StringComparison.OrdinalIgnoreCase) ? CodeMailTemplates.English
            : null;
    }
}
