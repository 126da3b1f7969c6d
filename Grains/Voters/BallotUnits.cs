using Voting.Editions;
using Voting.Grains.Editions;
using Voting.Grains.Storage;
using Voting.Receipts;
using Voting.Storage;
using Voting.Voters;

namespace Voting.Grains.Voters;

/// <summary>A new ballot, the write unit that records it, its receipt row and its receipt: shared by the ballot desk and the voter grain.</summary>
internal static class BallotUnits
{
    public static StoredBallot NewBallot(CastBallot command, IReadOnlyList<Selection> selections, DateTimeOffset now) =>
        new(ReceiptIds.New(now), selections, now, command.IdempotencyKey, command.Channel, ReceiptStatus.Counted);

    /// <summary>
    /// The ballot row (the guard: insert only if this voter has none in the edition), its receipt and
    /// the tally's counters, under the edition's gate for the ballot's channel.
    /// </summary>
    public static WriteUnit Insert(Edition edition, string voterKey, StoredBallot ballot, string data)
    {
        var tally = Tally.Ops(edition, ballot, +1);
        var ops = new WriteOp[2 + tally.Count];
        ops[0] = new InsertRow(Tables.Ballots.Name, edition.Id, voterKey, data);
        ops[1] = ReceiptRow(edition.Id, ballot, ballot.Status);
        tally.CopyTo(ops, 2);
        return new WriteUnit(ops, Tables.BallotGate(edition.Id, ballot.Channel));
    }

    /// <summary>The receipt row of <paramref name="ballot"/>, saying <paramref name="status"/>.</summary>
    public static UpsertRow ReceiptRow(string editionId, StoredBallot ballot, string status) =>
        new(Tables.Receipts.Name, Tables.Global, ballot.ReceiptId, RowJson.Write(new StoredReceipt(editionId, null, ballot.CastAt, status)));

    public static CastResult Recorded(string editionId, StoredBallot ballot) => new(CastOutcome.Recorded, Receipt(editionId, ballot));

    public static BallotReceipt Receipt(string editionId, StoredBallot ballot) => new(ballot.ReceiptId, editionId, ballot.CastAt);
}
