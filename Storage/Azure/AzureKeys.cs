using System.Globalization;
using System.Text;

namespace Voting.Storage.Azure;

/// <summary>
/// Where a ledger row lives in the one Azure table: its partition and its row key.
/// <para>
/// Partition rule: a row of a non-empty scope lives in the partition of the scope's owner, the
/// part of the scope after its first ':' and before its first '/'
/// (<c>edition:E</c>, <c>proposals:E</c>, <c>E/P</c> and <c>E</c> are all owned by <c>E</c>); a row of
/// the empty scope lives in the partition named by its key. So an edition's definition, its
/// gates, ballots, registry, proposals, supports and counters share one partition, and every
/// unit the grains write is one entity-group transaction there (receipts aside: see
/// <see cref="AzureTableGrainStorage"/>).
/// </para>
/// <para>
/// The partition key is the owner behind two hex digits of its stable hash (<c>3f~E</c>).
/// Azure keeps partitions in key ranges: owners whose keys grow with time, like receipt ids
/// (time first), would otherwise all land at the end of one range, which Azure documents as
/// the append anti-pattern; the prefix spreads them over 256 ranges.
/// </para>
/// Row key: <c>table|scope|key</c>, each part escaped (Azure refuses '/', '\', '#', '?' and control
/// characters in keys; '|' and '%' are escaped so the separators stay unambiguous).
/// </summary>
internal static class AzureKeys
{
    /// <summary>Counter rows have this table part: not a SQL identifier, so no declared table can take it.</summary>
    public const string CounterTable = "!c";

    /// <summary>The row key of a counter scope's base row (sorts before every delta row).</summary>
    public const string CounterBase = "0";

    public const string CounterDeltaPrefix = "d";

    public static string PartitionOf(string scope, string key) => PartitionOfOwner(scope.Length == 0 ? key : OwnerOf(scope));

    public static string CounterPartition(string scope) => PartitionOfOwner(OwnerOf(scope));

    private static string PartitionOfOwner(string owner) =>
        ((byte)StableHash.Of(owner)).ToString("x2", CultureInfo.InvariantCulture) + "~" + Escape(owner);

    public static string OwnerOf(string scope)
    {
        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        var owner = colon < 0 ? scope : scope[(colon + 1)..];
        var slash = owner.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? owner : owner[..slash];
    }

    public static string RowKey(string table, string scope, string key) => ScopePrefix(table, scope) + Escape(key);

    /// <summary>Every row key of (table, scope) starts with this; the range ends before <see cref="ScopeEnd"/>.</summary>
    public static string ScopePrefix(string table, string scope) => Escape(table) + "|" + Escape(scope) + "|";

    /// <summary>The first row key after every key of (table, scope): '}' follows '|'.</summary>
    public static string ScopeEnd(string table, string scope) => Escape(table) + "|" + Escape(scope) + "}";

    public static string CounterRow(string scope, string suffix) => ScopePrefix(CounterTable, scope) + suffix;

    public static string KeyOf(string rowKey, string table, string scope) => Unescape(rowKey[ScopePrefix(table, scope).Length..]);

    public static string Escape(string text)
    {
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '%' or '|' or '/' or '\\' or '#' or '?' or '}' || char.IsControl(c))
            {
                escaped ??= new StringBuilder(text, 0, i, text.Length + 8);
                escaped.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped?.Append(c);
            }
        }
        return escaped?.ToString() ?? text;
    }

    public static string Unescape(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }
        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 4 < text.Length)
            {
                plain.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
            }
            else
            {
                plain.Append(text[i]);
            }
        }
        return plain.ToString();
    }
}
