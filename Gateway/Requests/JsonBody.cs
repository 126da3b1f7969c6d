using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Problems;

namespace Voting.Gateway.Requests;

/// <summary>Reads a JSON request body with a size cap; any defect is a 400 <c>malformed-request</c>.</summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, int maxBytes = DefaultMaxBytes)
    {
        if (!IsJson(request.ContentType))
        {
            // Also what makes a cross-site HTML form post (urlencoded, multipart, text/plain) fail.
            return (default, Problem.Of(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "The body must be JSON.",
                "Send the body as application/json."));
        }
        var (bytes, problem) = await ReadBytesAsync(request, maxBytes);
        if (problem is not null)
        {
            return (default, problem);
        }
        try
        {
            var value = JsonSerializer.Deserialize(bytes, typeInfo);
            if (value is null)
            {
                return (default, Problem.Malformed("The body is JSON null."));
            }
            return HasNullArrayElement(bytes) ? (default, Problem.Malformed("The body has a null element in an array; no list of this API takes nulls.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (default, Problem.Malformed(Describe(e)));
        }
    }

    public static async Task<(byte[] Bytes, ProblemHttpResult? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return ([], Problem.Malformed($"The body is larger than {maxBytes} bytes."));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return ([], Problem.Malformed($"The body is larger than {maxBytes} bytes."));
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return ([], Problem.Malformed("The body is empty."));
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>application/json or application/*+json, with at most a UTF-8 charset.</summary>
    public static bool IsJson(string? contentType)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }
        var charset = media.Charset;
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var type = media.MediaType;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>No array of this API holds nulls (ballots, selections, projects, PESELs): one is a malformed request.</summary>
    private static bool HasNullArrayElement(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        var inArray = new Stack<bool>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    inArray.Push(true);
                    break;
                case JsonTokenType.StartObject:
                    inArray.Push(false);
                    break;
                case JsonTokenType.EndArray or JsonTokenType.EndObject:
                    inArray.Pop();
                    break;
                case JsonTokenType.Null when inArray.Count > 0 && inArray.Peek():
                    return true;
            }
        }
        return false;
    }

    private static string Describe(JsonException e) =>
        e.Path is { Length: > 0 } path ? $"The body is not valid for this endpoint at {path}: {e.Message}" : $"The body is not valid JSON for this endpoint: {e.Message}";
}
