using Microsoft.AspNetCore.Http.HttpResults;

namespace Voting.Gateway.Problems;

/// <summary>Builds RFC 9457 problem answers carrying the stable <c>code</c> extension.</summary>
public static class Problem
{
    public static ProblemHttpResult Of(int status, string code, string title, string? detail = null, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var members = new Dictionary<string, object?> { ["code"] = code };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                members[key] = value;
            }
        }
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: members);
    }

    public static ProblemHttpResult Malformed(string detail) =>
        Of(StatusCodes.Status400BadRequest, ProblemCodes.MalformedRequest, "The request is malformed.", detail);

    public static ProblemHttpResult EditionNotFound(string editionId) =>
        Of(StatusCodes.Status404NotFound, ProblemCodes.EditionNotFound, "No such edition.", $"There is no edition '{editionId}'.");

    public static ProblemHttpResult InitiativeNotFound(string initiativeId) =>
        Of(StatusCodes.Status404NotFound, ProblemCodes.InitiativeNotFound, "No such initiative.", $"There is no initiative '{initiativeId}'.");

    public static ProblemHttpResult InvalidPesel() =>
        Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidPesel, "The PESEL is not valid.", "A PESEL has 11 digits, a correct check digit and a real birth date.");

    /// <summary>401 in <c>oidc</c> mode: no valid bearer token with a valid PESEL claim. The same answer whatever was wrong with it.</summary>
    public static ProblemHttpResult IdentityRequired() =>
        Of(StatusCodes.Status401Unauthorized, ProblemCodes.IdentityRequired, "Sign in to continue.",
            "The request needs a valid access token from the city's sign-in service (Authorization: Bearer). Nothing was recorded.");

    /// <summary>401 in <c>email-code</c> mode: no live one-time code for this voter and request. The same answer whatever was wrong with it.</summary>
    public static ProblemHttpResult CodeRequired() =>
        Of(StatusCodes.Status401Unauthorized, ProblemCodes.IdentityRequired, "Confirm with the code sent by e-mail.",
            "The request needs 'voter.code': the one-time code e-mailed after POST /api/v1/verification-codes (valid 15 minutes, for one request). Nothing was recorded.");

    /// <summary>503: nothing was recorded; the client may retry after <paramref name="retryAfterSeconds"/>.</summary>
    public static ProblemHttpResult Unavailable(HttpContext context, string detail, int retryAfterSeconds = 1)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Of(StatusCodes.Status503ServiceUnavailable, ProblemCodes.Unavailable, "The request was not recorded.", detail);
    }

    /// <summary>503: the request may or may not have been recorded; the same request sent again is answered as a replay (200) or recorded (201).</summary>
    public static ProblemHttpResult OutcomeUnknown(HttpContext context, int retryAfterSeconds = 1)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Of(StatusCodes.Status503ServiceUnavailable, ProblemCodes.OutcomeUnknown, "The outcome of the request is unknown.",
            "The request may or may not have been recorded. Send the same request again: it is answered as a replay or recorded.");
    }
}
