using System.Text;

namespace Voting.Storage;

/// <summary>
/// A hash that is the same in every process and on every machine (unlike string.GetHashCode):
/// 64-bit FNV-1a over the UTF-8 bytes.
/// </summary>
public static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(string text)
    {
        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, buffer);
        var hash = OffsetBasis;
        foreach (var b in buffer[..length])
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }

    /// <summary>The shard of a grain key among <paramref name="shardCount"/> shards.</summary>
    public static int ShardOf(string key, int shardCount) => (int)(Of(key) % (ulong)shardCount);
}
