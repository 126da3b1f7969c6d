using System.Text.Json;
using System.Text.Json.Nodes;

namespace Voting.LoadTests.Http;

/// <summary>
/// An answer, or the lack of one: <see cref="Status"/> 0 with <see cref="Code"/> <c>timeout</c> or
/// <c>transport-error</c>. For 4xx/5xx, <see cref="Code"/> is the problem document's <c>code</c>.
/// </summary>
public sealed record ApiResponse(int Status, byte[] Body, string? Code)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>
    /// No answer, 503 <c>outcome-unknown</c> (API.md: a commit whose answer was lost), or a 5xx other
    /// than 503: the request may or may not have been recorded. Any other 503 recorded nothing.
    /// </summary>
    public bool IsAmbiguous => Status == 0 || (Status >= 500 && Status != 503) || (Status == 503 && Code == "outcome-unknown");

    public JsonNode? Json()
    {
        if (Body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string? Field(string name)
    {
        return Json() is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    internal static string? ProblemCode(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : "no-code";
        }
        catch (JsonException)
        {
            return "not-json";
        }
    }
}
