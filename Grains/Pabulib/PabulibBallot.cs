using Voting.Editions;

namespace Voting.Grains.Pabulib;

/// <summary>One voter's ballot from a pabulib file, merged across the file's sections (city pick and district pick).</summary>
public sealed record PabulibBallot(string VoterId, IReadOnlyList<Selection> Selections);
