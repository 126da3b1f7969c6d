using Voting.Editions;

namespace Voting.Grains.Pabulib;

/// <summary>An imported pabulib file: the edition, its ballots (merged by voter) and the stated project results.</summary>
public sealed record PabulibImportResult(
    Edition Edition,
    IReadOnlyList<PabulibBallot> Ballots,
    IReadOnlyList<PabulibProjectFacts> Projects);
