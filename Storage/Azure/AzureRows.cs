using Azure.Data.Tables;

namespace Voting.Storage.Azure;

/// <summary>
/// How a ledger row is an entity: <c>V</c> its version, <c>D0</c>, <c>D1</c>, … its data in
/// chunks (a string property holds at most 64 KiB), or <c>L</c> alone for a locator: the row
/// itself lives in the partition <c>L</c> names, under the same row key.
/// </summary>
internal static class AzureRows
{
    /// <summary>Characters per data property (UTF-16: 60,000 bytes, under the 64 KiB limit).</summary>
    public const int ChunkChars = 30_000;

    /// <summary>The most data characters of one row: the entity stays under the 1 MiB limit.</summary>
    public const int MaxDataChars = 15 * ChunkChars;

    public const string Version = "V";
    public const string Locator = "L";
    private const string Data = "D";

    public static TableEntity Row(string partition, string rowKey, string data, long version)
    {
        if (data.Length > MaxDataChars)
        {
            throw new ArgumentException($"A row of {data.Length} characters is larger than an Azure table entity holds ({MaxDataChars}).", nameof(data));
        }
        var entity = new TableEntity(partition, rowKey) { [Version] = version };
        PutChunks(entity, data);
        return entity;
    }

    public static TableEntity LocatorOf(string partition, string rowKey, string home) => new(partition, rowKey) { [Locator] = home };

    public static bool IsLocator(TableEntity entity, out string home)
    {
        home = entity.GetString(Locator) ?? "";
        return entity.ContainsKey(Locator);
    }

    public static StoredRow Stored(TableEntity entity) => new(ReadChunks(entity), entity.GetInt64(Version) ?? 0);

    public static void PutChunks(TableEntity entity, string text)
    {
        var index = 0;
        for (var start = 0; start < text.Length || index == 0; start += ChunkChars, index++)
        {
            entity[Data + index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = text.Substring(start, Math.Min(ChunkChars, text.Length - start));
        }
    }

    public static string ReadChunks(TableEntity entity)
    {
        var first = entity.GetString(Data + "0") ?? "";
        if (!entity.ContainsKey(Data + "1"))
        {
            return first;
        }
        var text = new System.Text.StringBuilder(first);
        for (var index = 1; entity.GetString(Data + index.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } chunk; index++)
        {
            text.Append(chunk);
        }
        return text.ToString();
    }

    /// <summary>Rough size on the wire, for the 4 MiB limit of a transaction.</summary>
    public static int ApproximateBytes(string data) => 2 * data.Length + 512;
}
