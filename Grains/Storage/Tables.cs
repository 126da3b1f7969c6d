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

    /// <summary>One row per proposal of an edition (definition, author key, status, history).</summary>
    public static readonly RowTable Proposals = new("proposals", "edition_id", "proposal_id");

    /// <summary>One row per (proposal, voter): the primary key makes a person support a proposal once.</summary>
    public static readonly RowTable Supports = new("supports", "project", "voter_key");

    /// <summary>One row per (edition, author key, slot n ≤ maxProposalsPerAuthor): the ledger caps proposals per author.</summary>
    public static readonly RowTable AuthorSlots = new("author_slots", "edition_id", "slot");

    /// <summary>The delivery report of a winning project.</summary>
    public static readonly RowTable Deliveries = new("deliveries", "edition_id", "project_id");

    public static IEnumerable<RowTable> All => [Editions, Ballots, Initiatives, Signatures, Receipts, Results, Registry, BallotGates, Proposals, Supports, AuthorSlots, Deliveries];

    /// <summary>
    /// The gate of a proposal phase (submission, verification, appeals): a row in
    /// <see cref="BallotGates"/> that exists only during that phase; proposal writes commit only while it exists.
    /// </summary>
    public static RowGate PhaseGate(string editionId, string phase) => new(BallotGates.Name, editionId, PhaseGateKey(phase));

    public static string PhaseGateKey(string phase) => "phase:" + phase;

    /// <summary>Counter scope of an edition's proposals (supporters per proposal).</summary>
    public static string ProposalCounters(string editionId) => "proposals:" + editionId;

    public static string SupportersCounter(string proposalId) => "supporters:" + proposalId;

    /// <summary>The gate a ballot of this channel needs at commit time.</summary>
    public static RowGate BallotGate(string editionId, string channel) => new(BallotGates.Name, editionId, channel);

    /// <summary>The scope of rows that are not grouped (a single namespace).</summary>
    public const string Global = "";

    /// <summary>Counter scopes: tallies of an edition, signature count of an initiative.</summary>
    public static string EditionCounters(string editionId) => "edition:" + editionId;

    public static string InitiativeCounters(string initiativeId) => "initiative:" + initiativeId;
}
