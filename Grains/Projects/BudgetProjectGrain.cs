using Voting.Editions;
using Voting.Grains.Editions;
using Voting.Grains.Storage;
using Voting.Projects;
using Voting.Receipts;
using Voting.Storage;

namespace Voting.Grains.Projects;

/// <summary>
/// One proposal/project of an edition for its whole life. Every change is one guarded ledger unit
/// behind the gate of its phase; supporters are exactly-once by the <c>supports</c> primary key.
/// The project's definition comes from the edition's pool, its tally from the committed counters.
/// </summary>
internal sealed class BudgetProjectGrain(IGrainStorage storage, TimeProvider time) : Grain, IBudgetProjectGrain
{
    private string _editionId = "";
    private string _projectId = "";
    private StoredRow? _row;
    private StoredProposal? _proposal;
    private long _supporters;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_editionId, _projectId) = BudgetProjectKey.Parse(this.GetPrimaryKeyString());
        Load(await storage.ReadRowAsync(Tables.Proposals.Name, _editionId, _projectId, cancellationToken));
        if (_proposal is not null)
        {
            var sums = await storage.SumCountersAsync(Tables.ProposalCounters(_editionId), cancellationToken);
            _supporters = sums.GetValueOrDefault(Tables.SupportersCounter(_projectId));
            await SettleAsync(); // a move to submitted not yet written down (the activation ended between the two units)
        }
    }

    private Task<Edition?> EditionAsync() => GrainFactory.GetGrain<IEditionGrain>(_editionId).GetAsync();

    public Task<ProposalView?> GetProposalAsync() => Task.FromResult(_proposal?.View(_supporters));

    public async Task<ProposalResult> ProposeAsync(ProposalDraft draft)
    {
        var edition = await EditionAsync();
        if (edition is null)
        {
            return new(ProposalOutcome.EditionNotFound);
        }
        if (_proposal is not null)
        {
            return new(ProposalOutcome.Replayed, _proposal.View(_supporters));
        }
        if (edition.Phase != EditionPhase.Submission)
        {
            return new(ProposalOutcome.PhaseClosed, Detail: $"Proposals are submitted in phase submission; the edition is in {edition.Phase}.");
        }
        if (ProposalRules.Validate(edition, draft) is { } problem)
        {
            return new(ProposalOutcome.InvalidProposal, Detail: problem);
        }
        var pool = edition.Pools.First(p => p.Id == draft.PoolId);
        var status = ProposalRules.InitialStatus(pool);
        var proposal = new StoredProposal(_projectId, draft.AuthorKey, draft.PoolId, draft.Title, draft.Description, draft.CostEstimate,
            draft.Location, draft.Category, status, [new ProposalHistoryEntry(status, time.GetUtcNow())], MinSupporters: pool.MinSupporters);
        var data = RowJson.Write(proposal);
        for (var slot = 1; slot <= pool.MaxProposalsPerAuthor; slot++)
        {
            // The author's n-th slot is a row of its own: the ledger, not memory, caps proposals per author.
            var unit = new WriteUnit(
                [new InsertRow(Tables.AuthorSlots.Name, _editionId, $"{draft.AuthorKey}/{slot}", _projectId), new UpsertRow(Tables.Proposals.Name, _editionId, _projectId, data)],
                Tables.PhaseGate(_editionId, EditionPhase.Submission));
            var result = await storage.WriteAsync(unit);
            switch (result.Outcome)
            {
                case WriteOutcome.GateClosed:
                    return new(ProposalOutcome.PhaseClosed, Detail: "The submission phase ended meanwhile.");
                case WriteOutcome.Committed:
                    Load(new StoredRow(data, 1));
                    return new(ProposalOutcome.Recorded, proposal.View(0));
                case WriteOutcome.GuardFailed when result.Current?.Data == _projectId:
                    Load(await storage.ReadRowAsync(Tables.Proposals.Name, _editionId, _projectId));
                    return new(ProposalOutcome.Replayed, _proposal!.View(_supporters));
            }
        }
        return new(ProposalOutcome.LimitReached, Detail: $"An author may submit at most {pool.MaxProposalsPerAuthor} proposals in this edition.");
    }

    public async Task<ProposalResult> SupportAsync(string voterKey)
    {
        if (ProposalChecks.Support(await EditionAsync(), _proposal, _supporters, voterKey) is { } refusal)
        {
            return refusal;
        }
        var now = time.GetUtcNow();
        var support = new StoredSupport(ReceiptIds.New(now), now);
        var unit = new WriteUnit(
            [
                new InsertRow(Tables.Supports.Name, BudgetProjectKey.Of(_editionId, _projectId), voterKey, RowJson.Write(support)),
                new UpsertRow(Tables.Receipts.Name, Tables.Global, support.ReceiptId, RowJson.Write(new StoredReceipt(_editionId, null, support.SupportedAt, ReceiptStatus.Counted))),
                new AddToCounter(Tables.ProposalCounters(_editionId), Tables.SupportersCounter(_projectId), 1),
            ],
            Tables.PhaseGate(_editionId, EditionPhase.Submission));
        var result = await storage.WriteAsync(unit);
        switch (result.Outcome)
        {
            case WriteOutcome.GateClosed:
                return new(ProposalOutcome.PhaseClosed, Detail: "The submission phase ended meanwhile.");
            case WriteOutcome.GuardFailed:
                var original = RowJson.Read<StoredSupport>(result.Current!.Data);
                return new(ProposalOutcome.Replayed, Receipt: new SupportReceipt(original.ReceiptId, _supporters));
        }
        // Increments run one at a time (turns of this activation): exactly one support sees the count reach minSupporters.
        var supporters = ++_supporters;
        if (supporters == _proposal!.MinSupporters)
        {
            await SettleAsync();
        }
        return new(ProposalOutcome.Recorded, Receipt: new SupportReceipt(support.ReceiptId, supporters));
    }

    /// <summary>Writes down the move to submitted that the committed supporters already made (the status read follows the count).</summary>
    private async Task SettleAsync()
    {
        for (var attempt = 0; attempt < 3 && _proposal is not null && _row is not null; attempt++)
        {
            var settled = _proposal.Settled(_supporters, time.GetUtcNow());
            if (ReferenceEquals(settled, _proposal))
            {
                return;
            }
            var data = RowJson.Write(settled);
            var result = await storage.WriteAsync(new WriteUnit([new ReplaceRow(Tables.Proposals.Name, _editionId, _projectId, data, _row.Version)]));
            Load(result.Outcome == WriteOutcome.Committed ? new StoredRow(data, _row.Version + 1) : result.Current);
        }
    }

    public async Task<ProposalResult> WithdrawAsync(string authorKey)
    {
        if (await AuthorRefusalAsync(authorKey, EditionPhase.Submission, "withdrawn before verification") is { } refusal)
        {
            return refusal;
        }
        if (_proposal!.Status == ProposalStatus.Withdrawn)
        {
            return new(ProposalOutcome.Replayed, _proposal.View(_supporters));
        }
        return await MoveAsync(_proposal.Settled(_supporters, time.GetUtcNow()).Moved(ProposalStatus.Withdrawn, time.GetUtcNow()), EditionPhase.Submission, ProposalOutcome.Changed);
    }

    public async Task<ProposalResult> AppealAsync(string authorKey, string reason)
    {
        if (await AuthorRefusalAsync(authorKey, EditionPhase.Appeals, "appealed in phase appeals") is { } refusal)
        {
            return refusal;
        }
        if (_proposal!.Status == ProposalStatus.Appealed && _proposal.AppealReason == reason)
        {
            return new(ProposalOutcome.Replayed, _proposal.View(_supporters));
        }
        if (_proposal.Status != ProposalStatus.Rejected)
        {
            return new(ProposalOutcome.InvalidStatus, Detail: $"Only a rejected proposal can be appealed, once; this one is '{_proposal.Status}'.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ProposalRules.MaxReason)
        {
            return new(ProposalOutcome.InvalidProposal, Detail: $"reason must be 1-{ProposalRules.MaxReason} characters.");
        }
        var appealed = _proposal.Moved(ProposalStatus.Appealed, time.GetUtcNow()) with { AppealReason = reason };
        return await MoveAsync(appealed, EditionPhase.Appeals, ProposalOutcome.Recorded);
    }

    public async Task<ProposalResult> DecideAsync(ProposalDecision decision)
    {
        var edition = await EditionAsync();
        if (ProposalChecks.Known(edition, _proposal) is { } unknown)
        {
            return unknown;
        }
        var (status, refusal, detail) = ProposalRules.Decide(edition!.Phase, _proposal!.StatusWith(_supporters), decision);
        if (status is null)
        {
            return new(refusal, Detail: detail);
        }
        var decided = _proposal.Settled(_supporters, time.GetUtcNow()).Moved(status, time.GetUtcNow(), decision.Justification) with { VerifiedCost = decision.VerifiedCost ?? _proposal.VerifiedCost };
        return await MoveAsync(decided, edition.Phase, ProposalOutcome.Changed);
    }

    public async Task<ProposalResult> SetDeliveryAsync(Delivery delivery)
    {
        if (ProposalChecks.Delivery(await EditionAsync(), _projectId, delivery) is { } refusal)
        {
            return refusal;
        }
        await storage.WriteAsync(new WriteUnit([new UpsertRow(Tables.Deliveries.Name, _editionId, _projectId, RowJson.Write(delivery))]));
        return new(ProposalOutcome.Changed);
    }

    public async Task<ProjectView?> GetAsync()
    {
        var edition = await EditionAsync();
        var pool = edition?.FindPoolOfProject(_projectId);
        if (edition is null || pool is null)
        {
            return null;
        }
        var project = pool.Projects.First(p => p.Id == _projectId);
        long? votes = null, score = null;
        if (edition.Phase != EditionPhase.Voting || edition.LiveResults)
        {
            var sums = await storage.SumCountersAsync(Tables.EditionCounters(_editionId));
            votes = sums.GetValueOrDefault(Tally.VotesCounter(_projectId));
            score = sums.GetValueOrDefault(Tally.ScoreCounter(_projectId));
        }
        var deliveryRow = await storage.ReadRowAsync(Tables.Deliveries.Name, _editionId, _projectId);
        return new ProjectView(_editionId, _projectId, pool.Id, project.Title, project.Cost, votes, score,
            _proposal?.Description, _proposal?.Location, _proposal?.Category, _proposal?.StatusWith(_supporters),
            _proposal is null ? null : _supporters, _proposal?.History,
            deliveryRow is null ? null : RowJson.Read<Delivery>(deliveryRow.Data));
    }

    private async Task<ProposalResult?> AuthorRefusalAsync(string authorKey, string phase, string when) =>
        ProposalChecks.ByAuthor(await EditionAsync(), _proposal, authorKey, phase, when);

    /// <summary>Writes the proposal's next state, guarded by its version and by the gate of the phase.</summary>
    private async Task<ProposalResult> MoveAsync(StoredProposal next, string phase, ProposalOutcome outcome)
    {
        var data = RowJson.Write(next);
        var result = await storage.WriteAsync(new WriteUnit([new ReplaceRow(Tables.Proposals.Name, _editionId, _projectId, data, _row!.Version)], Tables.PhaseGate(_editionId, phase)));
        switch (result.Outcome)
        {
            case WriteOutcome.GateClosed:
                return new(ProposalOutcome.PhaseClosed, Detail: $"Phase {phase} ended meanwhile.");
            case WriteOutcome.GuardFailed:
                Load(result.Current);
                return new(ProposalOutcome.InvalidStatus, Detail: "The proposal changed meanwhile; read it and try again.");
        }
        Load(new StoredRow(data, _row.Version + 1));
        return new(outcome, next.View(_supporters));
    }

    private void Load(StoredRow? row)
    {
        _row = row;
        _proposal = row is null ? null : RowJson.Read<StoredProposal>(row.Data);
    }
}
