namespace Voting.Grains.Pabulib;

/// <summary>One pabulib instance: META key/values (in file order), PROJECTS rows and VOTES rows.</summary>
/// <param name="Line">The line of the section's META marker.</param>
/// <param name="Meta">META values by key, enumerated in file order.</param>
/// <param name="ProjectColumns">The PROJECTS header.</param>
/// <param name="VoteColumns">The VOTES header; empty when the section has no VOTES.</param>
public sealed record PabulibSection(
    int Line,
    IReadOnlyDictionary<string, string> Meta,
    IReadOnlyList<string> ProjectColumns,
    IReadOnlyList<PabulibRow> Projects,
    IReadOnlyList<string> VoteColumns,
    IReadOnlyList<PabulibRow> Votes)
{
    /// <summary>A META value, or null when the key is absent or blank.</summary>
    public string? MetaValue(string key) =>
        Meta.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
