using System.Text;
using System.Text.Json;

namespace Voting.Storage;

/// <summary>Rows of strings and integers as one JSON array of arrays (a single SQL parameter).</summary>
internal static class JsonRows
{
    public static string Write(IReadOnlyList<object[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
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
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
