using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Problems;

namespace Voting.Gateway.Requests;

/// <summary>Reads a JSON request body with a size cap; any defect is a 400 <c>malformed-request</c>.</summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 64 * 1024;

    /// <summary>Bodies up to this size are parsed in the request pipe (well below Kestrel's 1 MB request buffer and HTTP/2 stream window).</summary>
    private const int PipeMaxBytes = DefaultMaxBytes;

    /// <summary>System.Text.Json's nesting limit when the options leave it at 0.</summary>
    private const int DefaultMaxDepth = 64;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, int maxBytes = DefaultMaxBytes)
    {
        if (!IsJson(request.ContentType))
        {
            // Also what makes a cross-site HTML form post (urlencoded, multipart, text/plain) fail.
            return (default, Problem.Of(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "The body must be JSON.",
                "Send the body as application/json."));
        }
        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }
        if (maxBytes > PipeMaxBytes)
        {
            // Uploads (registries, paper batches) are copied out: a pipe holding a whole large body
            // unconsumed would stop Kestrel reading the socket (MaxRequestBufferSize, 1 MB).
            var (bytes, problem) = await ReadBytesAsync(request, maxBytes);
            return problem is not null ? (default, problem) : Parse(new ReadOnlySequence<byte>(bytes), typeInfo);
        }
        // Straight from the request's pipe: the body is parsed where Kestrel buffered it, not copied.
        var pipe = request.BodyReader;
        while (true)
        {
            var read = await pipe.ReadAsync(request.HttpContext.RequestAborted);
            var body = read.Buffer;
            if (body.Length > maxBytes)
            {
                pipe.AdvanceTo(body.End);
                return (default, TooLarge(maxBytes));
            }
            if (read.IsCompleted)
            {
                try
                {
                    return Parse(body, typeInfo);
                }
                finally
                {
                    pipe.AdvanceTo(body.End);
                }
            }
            pipe.AdvanceTo(body.Start, body.End);
        }
    }

    /// <summary>The whole body as one JSON value of <typeparamref name="T"/> (trailing content is malformed, as nulls in arrays are).</summary>
    private static (T? Value, ProblemHttpResult? Problem) Parse<T>(ReadOnlySequence<byte> body, JsonTypeInfo<T> typeInfo)
    {
        if (body.IsEmpty)
        {
            return (default, Problem.Malformed("The body is empty."));
        }
        var options = typeInfo.Options;
        var readerOptions = new JsonReaderOptions { AllowTrailingCommas = options.AllowTrailingCommas, CommentHandling = options.ReadCommentHandling, MaxDepth = options.MaxDepth };
        try
        {
            var reader = new Utf8JsonReader(body, readerOptions);
            var value = JsonSerializer.Deserialize(ref reader, typeInfo);
            if (reader.Read())
            {
                return (default, Problem.Malformed("The body is not valid JSON for this endpoint: more than one JSON value."));
            }
            if (value is null)
            {
                return (default, Problem.Malformed("The body is JSON null."));
            }
            return HasNullArrayElement(new Utf8JsonReader(body, readerOptions), options.MaxDepth > 0 ? options.MaxDepth : DefaultMaxDepth) ? (default, Problem.Malformed("The body has a null element in an array; no list of this API takes nulls.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (default, Problem.Malformed(Describe(e)));
        }
    }

    private static ProblemHttpResult TooLarge(int maxBytes) => Problem.Malformed($"The body is larger than {maxBytes} bytes.");

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
    private static bool HasNullArrayElement(Utf8JsonReader reader, int maxDepth)
    {
        // Whether each open container is an array, by depth (the reader refuses depths over MaxDepth).
        Span<bool> inArray = maxDepth <= 256 ? stackalloc bool[maxDepth + 1] : new bool[maxDepth + 1];
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray or JsonTokenType.StartObject:
                    inArray[reader.CurrentDepth] = reader.TokenType == JsonTokenType.StartArray;
                    break;
                case JsonTokenType.Null when reader.CurrentDepth > 0 && inArray[reader.CurrentDepth - 1]:
                    return true;
            }
        }
        return false;
    }

    private static string Describe(JsonException e) =>
        e.Path is { Length: > 0 } path ? $"The body is not valid for this endpoint at {path}: {e.Message}" : $"The body is not valid JSON for this endpoint: {e.Message}";
}
