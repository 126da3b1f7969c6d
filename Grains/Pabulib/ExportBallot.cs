using Voting.Editions;

namespace Voting.Grains.Pabulib;

/// <summary>An anonymised ballot for open-data export: voters are numbered 1..n, with no PESEL and no voter key.</summary>
public sealed record ExportBallot(int VoterNumber, IReadOnlyList<Selection> Selections);
