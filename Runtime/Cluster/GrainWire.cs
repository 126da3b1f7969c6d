using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Voting.Runtime.Grains;

namespace Voting.Runtime.Cluster;

/// <summary>
/// The wire format of grain calls: the arguments as a JSON array, the result as JSON, both with
/// the application's source-generated contracts (<paramref name="options"/>' type info resolver).
/// Nulls are always written, so what one process writes the other reads back unchanged.
/// </summary>
public sealed class GrainWire(JsonSerializerOptions options)
{
    private readonly JsonSerializerOptions _options = new(options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public byte[] WriteArguments(GrainMethod method, object?[] args)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < args.Length; i++)
            {
                JsonSerializer.Serialize(writer, args[i], TypeInfo(method.ParameterTypes[i]));
            }
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public object?[] ReadArguments(GrainMethod method, ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        Expect(ref reader, JsonTokenType.StartArray);
        var args = new object?[method.ParameterTypes.Length];
        for (var i = 0; i < args.Length; i++)
        {
            reader.Read();
            args[i] = JsonSerializer.Deserialize(ref reader, TypeInfo(method.ParameterTypes[i]));
        }
        Expect(ref reader, JsonTokenType.EndArray);
        return args;
    }

    public byte[] WriteResult(GrainMethod method, object? result) => JsonSerializer.SerializeToUtf8Bytes(result, TypeInfo(method.ResultType));

    public T ReadResult<T>(ReadOnlySpan<byte> body) => (T)JsonSerializer.Deserialize(body, TypeInfo(typeof(T)))!;

    private JsonTypeInfo TypeInfo(Type type) => _options.GetTypeInfo(type);

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"Grain call arguments: expected {token}.");
        }
    }
}
