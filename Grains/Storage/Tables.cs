using Voting.Storage;

namespace Voting.Grains.Storage;

/// <summary>
/// The tables the product stores rows in. The primary keys make the database enforce
/// exactly-one-vote: one ballot per (edition, voter), one signature per (initiative, voter).
/// </summary>
public static class Tables
{
    public static readonly RowTable Editions = new("editions", "scope", "edition_id");
    public static readonly RowTable Ballots = new("ballots", "edition_id", "voter_key");
    public static readonly RowTable Initiatives = new("initiatives", "scope", "initiative_id");
    public static readonly RowTable Signatures = new("signatures", "initiative_id", "voter_key");
    public static readonly RowTable Receipts = new("receipts", "scope", "receipt_id");
    public static readonly RowTable Results = new("results", "scope", "edition_id");
    public static readonly RowTable Registry = new("voter_registry", "edition_id", "voter_key");

    /// <summary>
    /// One row per (edition, channel) that accepts ballots now; a ballot commits only while its
    /// row exists (checked in the ballot's transaction), so a phase change that deletes the row
    /// cannot be overtaken by a ballot in flight.
    /// </summary>
    public static readonly RowTable BallotGates = new("ballot_gates", "edition_id", "channel");

    public static IEnumerable<RowTable> All => [Editions, Ballots, Initiatives, Signatures, Receipts, Results, Registry, BallotGates];

    /// <summary>The gate a ballot of this channel needs at commit time.</summary>
    public static RowGate BallotGate(string editionId, string channel) => new(BallotGates.Name, editionId, channel);

    /// <summary>The scope of rows that are not grouped (a single namespace).</summary>
    public const string Global = "";

    /// <summary>Counter scopes: tallies of an edition, signature count of an initiative.</summary>
    public static string EditionCounters(string editionId) => "edition:" + editionId;

    public static string InitiativeCounters(string initiativeId) => "initiative:" + initiativeId;
}
