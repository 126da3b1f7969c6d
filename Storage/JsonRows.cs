using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Voting.Storage;

/// <summary>Rows of strings and integers as one JSON array of arrays (a single SQL parameter).</summary>
internal static class JsonRows
{
    /// <summary>A buffer kept per thread up to this size (a batch of 1,000 ballot rows is about 400 KB).</summary>
    private const int KeptBufferBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>
    /// The rows as JSON text. Written into a buffer reused by this thread (the method does not
    /// await), so a batch costs one string, not a growing stream and its copies.
    /// </summary>
    public static string Write(IReadOnlyList<object[]> rows)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        try
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case string text:
                            writer.WriteStringValue(text);
                            break;
                        case int number:
                            writer.WriteNumberValue(number);
                            break;
                        case long number:
                            writer.WriteNumberValue(number);
                            break;
                        default:
                            throw new ArgumentException($"Unsupported row value type {value?.GetType().Name}.", nameof(rows));
                    }
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity > KeptBufferBytes)
            {
                _buffer = null;
                _writer = null;
            }
        }
    }
}
