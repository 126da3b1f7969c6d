using Voting.Editions;
using Voting.Grains.Editions;
using Voting.Grains.Storage;
using Voting.Receipts;
using Voting.Storage;
using Voting.Voters;

namespace Voting.Grains.Voters;

/// <summary>A new ballot and the write unit that records it, shared by the ballot desk and the voter grain.</summary>
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
        ops[1] = new UpsertRow(Tables.Receipts.Name, Tables.Global, ballot.ReceiptId, RowJson.Write(new StoredReceipt(edition.Id, null, ballot.CastAt, ballot.Status)));
        tally.CopyTo(ops, 2);
        return new WriteUnit(ops, Tables.BallotGate(edition.Id, ballot.Channel));
    }

    public static CastResult Recorded(string editionId, StoredBallot ballot) =>
        new(CastOutcome.Recorded, new BallotReceipt(ballot.ReceiptId, editionId, ballot.CastAt));
}
