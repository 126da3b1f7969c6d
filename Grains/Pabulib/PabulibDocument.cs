namespace Voting.Grains.Pabulib;

/// <summary>A parsed pabulib file: one or more sections, each starting with its own META.</summary>
public sealed record PabulibDocument(IReadOnlyList<PabulibSection> Sections);
