using System.Text.Json;
using System.Text.Json.Serialization;
using Voting.Editions;
using Voting.Initiatives;
using Voting.Projects;
using Voting.Results;

namespace Voting.Grains.Storage;

/// <summary>Source-generated JSON of stored rows.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredBallot))]
[JsonSerializable(typeof(StoredSignature))]
[JsonSerializable(typeof(StoredReceipt))]
[JsonSerializable(typeof(Edition))]
[JsonSerializable(typeof(Initiative))]
[JsonSerializable(typeof(EditionResults))]
[JsonSerializable(typeof(StoredProposal))]
[JsonSerializable(typeof(StoredSupport))]
[JsonSerializable(typeof(Delivery))]
internal sealed partial class GrainsJsonContext : JsonSerializerContext;

/// <summary>Reads and writes stored rows.</summary>
public static class RowJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, typeof(T), GrainsJsonContext.Default);

    public static T Read<T>(string data) => (T)(JsonSerializer.Deserialize(data, typeof(T), GrainsJsonContext.Default)
        ?? throw new InvalidDataException($"A stored {typeof(T).Name} row is empty."));
}
