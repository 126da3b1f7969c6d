using System.Text.RegularExpressions;

namespace Voting.Storage;

/// <summary>Checks names that are put into SQL text (table and column names declared by the application).</summary>
internal static partial class SqlIdentifier
{
    public static void Check(string name)
    {
        if (!Pattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid SQL identifier (lowercase letters, digits, underscores).", nameof(name));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Pattern();
}
