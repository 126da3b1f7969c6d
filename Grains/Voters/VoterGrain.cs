using Voting.Editions;
using Voting.Grains.Editions;
using Voting.Receipts;
using Voting.Grains.Storage;
using Voting.Grains.Initiatives;
using Voting.Initiatives;
using Voting.Storage;
using Voting.Voters;

namespace Voting.Grains.Voters;

/// <summary>
/// One person's ballots and signatures. The database's primary keys decide exactly-once; this
/// grain turns their verdict into clean answers (replay, 409) and caches what it has seen.
/// Nothing here relies on being the only activation: if Orleans briefly runs two during a
/// membership change, both send their units and the ballot's primary key lets one win.
/// An activation that wrote a ballot or a signature leaves memory once it answered.
/// </summary>
[CollectionAgeLimit(Minutes = 0.5)] // a fallback: each call already deactivates the voter once answered (LeaveAfterThisCall)
[Orleans.Placement.PreferLocalPlacement] // activate where the call arrives: a new voter costs no hop to another silo
internal sealed class VoterGrain(IGrainStorage storage, EditionCache editions, TimeProvider time) : Grain, IVoterGrain
{
    private string? _key;

    /// <summary>The voter key (Orleans decodes it anew on every GetPrimaryKeyString, so it is kept).</summary>
    private string Key => _key ??= this.GetPrimaryKeyString();

    private readonly Dictionary<string, StoredRow?> _ballots = [];
    private readonly Dictionary<string, StoredSignature?> _signatures = [];
    private readonly Dictionary<string, bool> _registered = [];

    public async Task<CastResult> CastBallotAsync(CastBallot command)
    {
        var result = await CastAsync(command);
        if (result.Outcome is CastOutcome.Recorded or CastOutcome.Replaced)
        {
            LeaveAfterThisCall();
        }
        return result;
    }

    private async Task<CastResult> CastAsync(CastBallot command)
    {
        var now = time.GetUtcNow();
        var edition = await editions.GetAsync(GrainFactory, command.EditionId);
        if (edition is not null && !VotingGate.IsOpen(edition, command.Channel, now))
        {
            // A cached "not open" may be a second old: refusals ask the edition itself.
            edition = await editions.GetFreshAsync(GrainFactory, command.EditionId);
        }
        if (edition is null)
        {
            return new CastResult(CastOutcome.EditionNotFound);
        }
        if (edition.HasVoterRegistry && !await IsRegisteredAsync(edition.Id))
        {
            return new CastResult(CastOutcome.NotEligible, Detail: "The voter is not on this edition's voter registry.");
        }
        // Phase, window, eligibility and ballot rules come before any look at the voter's own
        // ballot: a request that fails them answers the same whether or not this person voted
        // (no "did this PESEL vote?" oracle), and records nothing. A replay after the close is
        // refused like anybody else's ballot.
        var refusal = VotingGate.Check(edition, command, now);
        if (refusal is not null)
        {
            return refusal;
        }
        var selections = BallotCanon.Normalize(edition, command.Selections);
        if (!_ballots.ContainsKey(edition.Id))
        {
            // First contact in this activation: a voter usually has no ballot yet, so try the
            // insert at once and let the primary key answer, instead of reading first.
            var inserted = await InsertAsync(edition, BallotUnits.NewBallot(command, selections, now));
            if (inserted is not null)
            {
                return inserted;
            }
        }
        return await DecideAsync(edition, command, selections, now);
    }

    /// <summary>
    /// A person usually calls once: after a ballot or signature was written, the activation is
    /// collected as soon as the call is answered instead of living on for the collection age.
    /// Kept for 30 s, each voter held about 3 KB that survived two young-generation collections
    /// before it died (the costliest kind of object for the GC: pauses in the tail latency), and
    /// a million voters would have lived in memory together. Calls already queued behind this one
    /// go to one new activation, which answers them as replays from the ledger (and stays, since it
    /// writes nothing): only a call that wrote deactivates, so a burst of retries cannot bounce
    /// from activation to activation. Refusals stay for the collection age.
    /// </summary>
    private void LeaveAfterThisCall() => this.DeactivateOnIdle();

    /// <summary>Decides a valid ballot, inside its window, with the voter's ballot in this edition known (cached or loaded).</summary>
    private async Task<CastResult> DecideAsync(Edition edition, CastBallot command, IReadOnlyList<Selection> selections, DateTimeOffset now)
    {
        var existing = await LoadBallotAsync(edition.Id);
        if (existing is null)
        {
            return await InsertAsync(edition, BallotUnits.NewBallot(command, selections, now)) ?? await DecideAsync(edition, command, selections, now);
        }
        var ballot = RowJson.Read<StoredBallot>(existing.Data);
        if (ballot.Status == ReceiptStatus.Invalidated)
        {
            return await ConfirmAsync(command, now, new CastResult(CastOutcome.AlreadyVoted, Detail: "This voter's ballots were invalidated because the voter voted more than once."));
        }
        var sameChannel = ballot.Channel == command.Channel;
        if (IsRepeat(ballot, selections, command.IdempotencyKey) && (sameChannel || edition.DuplicatePolicy == DuplicatePolicy.FirstWins))
        {
            return await ConfirmAsync(command, now, new CastResult(CastOutcome.Replayed, BallotUnits.Receipt(edition.Id, ballot)));
        }
        if (edition.DuplicatePolicy == DuplicatePolicy.InvalidateAll && VotingGate.IsInsideVotingWindow(edition, now))
        {
            // Łódź rule: only a valid second ballot, in phase voting and inside the window, voids
            // the first (a paper ballot keyed in after the close does not). The gate row refuses
            // the write if the edition closed meanwhile.
            return await InvalidateAsync(edition, existing, ballot, command.Channel);
        }
        if (!edition.AllowBallotChange || edition.DuplicatePolicy == DuplicatePolicy.InvalidateAll)
        {
            return await ConfirmAsync(command, now, new CastResult(CastOutcome.AlreadyVoted, Detail: "A different ballot is already recorded for this voter in this edition."));
        }
        return await ReplaceAsync(edition, existing, BallotUnits.NewBallot(command, selections, now));
    }

    /// <summary>
    /// An answer that writes nothing has no gate row to catch a closed edition: it is confirmed
    /// against the edition itself, so that a voter with a ballot is refused exactly like anyone
    /// else once voting closed (a cached edition may be a second old).
    /// </summary>
    private async Task<CastResult> ConfirmAsync(CastBallot command, DateTimeOffset now, CastResult answer)
    {
        var edition = await editions.GetFreshAsync(GrainFactory, command.EditionId);
        if (edition is null)
        {
            return new CastResult(CastOutcome.EditionNotFound);
        }
        if (edition.HasVoterRegistry && !await IsRegisteredAsync(edition.Id))
        {
            return new CastResult(CastOutcome.NotEligible, Detail: "The voter is not on this edition's voter registry.");
        }
        return VotingGate.Check(edition, command, now) ?? answer;
    }

    public async Task<SignResult> SignAsync(SignInitiative command)
    {
        var result = await SignOnceAsync(command);
        if (result.Outcome == SignOutcome.Recorded)
        {
            LeaveAfterThisCall();
        }
        return result;
    }

    private async Task<SignResult> SignOnceAsync(SignInitiative command)
    {
        var initiativeGrain = GrainFactory.GetGrain<IInitiativeGrain>(command.InitiativeId);
        var initiative = await initiativeGrain.GetDefinitionAsync();
        if (initiative is null)
        {
            return new SignResult(SignOutcome.InitiativeNotFound);
        }
        // Window and age before the person's own signature: a closed initiative answers
        // collection-closed to signers and non-signers alike (no "did this PESEL sign?" oracle).
        var now = time.GetUtcNow();
        var refusal = SigningGate.Check(initiative, command.BirthDate, command.Channel, now);
        if (refusal is not null)
        {
            return refusal;
        }
        var existing = await LoadSignatureAsync(initiative.Id);
        if (existing is not null)
        {
            return new SignResult(SignOutcome.Replayed, await SignatureReceiptAsync(initiative.Id, existing));
        }

        var signature = new StoredSignature(ReceiptIds.New(now), now, command.Channel);
        WriteOp[] ops =
        [
            new InsertRow(Tables.Signatures.Name, initiative.Id, Key, RowJson.Write(signature)),
            new UpsertRow(Tables.Receipts.Name, Tables.Global, signature.ReceiptId, RowJson.Write(new StoredReceipt(null, initiative.Id, now, ReceiptStatus.Counted))),
            new AddToCounter(Tables.InitiativeCounters(initiative.Id), InitiativeCounters.Signatures, 1),
        ];
        var result = await WriteAsync(ops, null, _signatures, initiative.Id);
        if (result.Outcome == WriteOutcome.GuardFailed)
        {
            var stored = RowJson.Read<StoredSignature>(result.Current!.Data);
            _signatures[initiative.Id] = stored;
            return new SignResult(SignOutcome.Replayed, await SignatureReceiptAsync(initiative.Id, stored));
        }
        _signatures[initiative.Id] = signature;
        return new SignResult(SignOutcome.Recorded, await SignatureReceiptAsync(initiative.Id, signature));
    }

    /// <summary>Inserts the ballot; null when a ballot of this voter exists (now cached for the caller to decide).</summary>
    private async Task<CastResult?> InsertAsync(Edition edition, StoredBallot record)
    {
        var data = RowJson.Write(record);
        var result = await WriteAsync(BallotUnits.Insert(edition, Key, record, data), _ballots, edition.Id);
        if (result.Outcome == WriteOutcome.GateClosed)
        {
            return VotingClosedMeanwhile(edition);
        }
        if (result.Outcome == WriteOutcome.GuardFailed)
        {
            // A ballot exists (cast earlier, or by another activation that won a race): the database decided.
            _ballots[edition.Id] = result.Current;
            return null;
        }
        _ballots[edition.Id] = new StoredRow(data, 1);
        return BallotUnits.Recorded(edition.Id, record);
    }

    private async Task<CastResult> ReplaceAsync(Edition edition, StoredRow existing, StoredBallot record)
    {
        var previous = RowJson.Read<StoredBallot>(existing.Data);
        var data = RowJson.Write(record);
        var ops = new List<WriteOp>
        {
            new ReplaceRow(Tables.Ballots.Name, edition.Id, Key, data, existing.Version),
            BallotUnits.ReceiptRow(edition.Id, previous, ReceiptStatus.Replaced),
            BallotUnits.ReceiptRow(edition.Id, record, record.Status),
        };
        if (previous.Status == ReceiptStatus.Counted)
        {
            ops.AddRange(Tally.Ops(edition, previous, -1));
        }
        ops.AddRange(Tally.Ops(edition, record, +1));
        var result = await WriteAsync(ops, Tables.BallotGate(edition.Id, record.Channel), _ballots, edition.Id);
        if (result.Outcome == WriteOutcome.GateClosed)
        {
            return VotingClosedMeanwhile(edition);
        }
        if (result.Outcome == WriteOutcome.GuardFailed)
        {
            _ballots.Remove(edition.Id);
            return new CastResult(CastOutcome.AlreadyVoted, Detail: "The ballot changed concurrently; send it again.");
        }
        _ballots[edition.Id] = new StoredRow(data, existing.Version + 1);
        return new CastResult(CastOutcome.Replaced, BallotUnits.Receipt(edition.Id, record));
    }

    /// <summary>
    /// Łódź rule (duplicatePolicy invalidate-all): a person who voted twice has every ballot
    /// invalidated. The recorded one stops counting; the new one is not recorded.
    /// </summary>
    private async Task<CastResult> InvalidateAsync(Edition edition, StoredRow existing, StoredBallot ballot, string channel)
    {
        var invalidated = ballot with { Status = ReceiptStatus.Invalidated };
        var data = RowJson.Write(invalidated);
        var ops = new List<WriteOp>
        {
            new ReplaceRow(Tables.Ballots.Name, edition.Id, Key, data, existing.Version),
            BallotUnits.ReceiptRow(edition.Id, ballot, ReceiptStatus.Invalidated),
        };
        ops.AddRange(Tally.Ops(edition, ballot, -1));
        var result = await WriteAsync(ops, Tables.BallotGate(edition.Id, channel), _ballots, edition.Id);
        if (result.Outcome == WriteOutcome.GateClosed)
        {
            return VotingClosedMeanwhile(edition);
        }
        _ballots[edition.Id] = result.Outcome == WriteOutcome.Committed ? new StoredRow(data, existing.Version + 1) : result.Current;
        return new CastResult(CastOutcome.AlreadyVoted, Detail: "This voter voted more than once; under this edition's rules all of the voter's ballots are invalidated.");
    }

    private async Task<bool> IsRegisteredAsync(string editionId)
    {
        if (!_registered.TryGetValue(editionId, out var registered))
        {
            registered = await storage.ReadRowAsync(Tables.Registry.Name, editionId, Key) is not null;
            if (registered)
            {
                _registered[editionId] = true;
            }
        }
        return registered;
    }

    /// <summary>The edition stopped accepting this ballot's channel before it could commit: nothing was written.</summary>
    private CastResult VotingClosedMeanwhile(Edition edition)
    {
        editions.Forget(edition.Id);
        return new CastResult(CastOutcome.VotingNotOpen, Detail: $"Edition '{edition.Id}' stopped accepting ballots before this one could be recorded.");
    }

    /// <summary>Writes the ops as one unit under <paramref name="gate"/> (see the overload below).</summary>
    private Task<WriteResult> WriteAsync<T>(IReadOnlyList<WriteOp> ops, RowGate? gate, Dictionary<string, T> cache, string id) =>
        WriteAsync(new WriteUnit(ops, gate), cache, id);

    /// <summary>Writes the unit; on any failure forgets <paramref name="cache"/>'s entry for <paramref name="id"/>.</summary>
    private async Task<WriteResult> WriteAsync<T>(WriteUnit unit, Dictionary<string, T> cache, string id)
    {
        try
        {
            return await storage.WriteAsync(unit);
        }
        catch
        {
            // Not written here, or with an unknown outcome: read it from the database next time.
            cache.Remove(id);
            throw;
        }
    }

    private async Task<StoredRow?> LoadBallotAsync(string editionId)
    {
        if (!_ballots.TryGetValue(editionId, out var row))
        {
            row = await storage.ReadRowAsync(Tables.Ballots.Name, editionId, Key);
            _ballots[editionId] = row;
        }
        return row;
    }

    private async Task<StoredSignature?> LoadSignatureAsync(string initiativeId)
    {
        if (!_signatures.TryGetValue(initiativeId, out var signature))
        {
            var row = await storage.ReadRowAsync(Tables.Signatures.Name, initiativeId, Key);
            signature = row is null ? null : RowJson.Read<StoredSignature>(row.Data);
            _signatures[initiativeId] = signature;
        }
        return signature;
    }

    private async Task<SignatureReceipt> SignatureReceiptAsync(string initiativeId, StoredSignature signature)
    {
        var view = await GrainFactory.GetGrain<IInitiativeGrain>(initiativeId).GetAsync();
        return new SignatureReceipt(signature.ReceiptId, initiativeId, signature.SignedAt, view?.Signatures ?? 0);
    }

    private static bool IsRepeat(StoredBallot stored, IReadOnlyList<Selection> selections, string? idempotencyKey) =>
        (idempotencyKey is not null && idempotencyKey == stored.IdempotencyKey) || BallotCanon.AreSame(stored.Selections, selections);
}
