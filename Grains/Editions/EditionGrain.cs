using Voting.Editions;
using Voting.Grains.Projects;
using Voting.Grains.Storage;
using Voting.Projects;
using Voting.Results;
using Voting.Storage;
using Voting.Voters;

namespace Voting.Grains.Editions;

/// <summary>An edition's definition, phase and results; read-mostly, kept in memory.</summary>
internal sealed class EditionGrain(IGrainStorage storage, TimeProvider time) : Grain, IEditionGrain
{
    /// <summary>Registry rows per write unit.</summary>
    private const int RegistryChunk = 1000;

    private StoredRow? _row;
    private Edition? _edition;

    /// <summary>
    /// The last results computed, for the edition version (phase) and the sum of the changes
    /// counter they were computed at: readers get them again until a ballot changes a tally
    /// (a paper ballot keyed in while closed moves the counter) or the edition changes. Final
    /// results are frozen and kept as they are. Equal shares is computed once per change: readers
    /// that interleave (GetResultsAsync is read-only) share one computation in flight.
    /// </summary>
    private (long EditionVersion, long Changes, Task<EditionResults> Results)? _results;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Load(await storage.ReadRowAsync(Tables.Editions.Name, Tables.Global, Key, cancellationToken));
    }

    public Task<Edition?> GetAsync()
    {
        if (_edition is null)
        {
            // An id nobody created costs no lasting memory: the activation goes once the call is answered.
            DeactivateOnIdle();
        }
        return Task.FromResult(_edition);
    }

    public async Task<bool> CreateAsync(Edition edition)
    {
        if (_edition is not null)
        {
            return false;
        }
        var data = RowJson.Write(edition);
        var ops = new List<WriteOp> { new InsertRow(Tables.Editions.Name, Tables.Global, Key, data) };
        ops.AddRange(GateOps(edition.Phase));
        var result = await storage.WriteAsync(new WriteUnit(ops));
        if (result.Outcome == WriteOutcome.GuardFailed)
        {
            Load(result.Current);
            return false;
        }
        Load(new StoredRow(data, 1));
        return true;
    }

    public async Task<PhaseChange> SetPhaseAsync(string phase, string changedBy)
    {
        if (_edition is null || _row is null)
        {
            return new PhaseChange(PhaseChangeOutcome.NotFound, null);
        }
        if (ProposalRules.RefusePhaseChange(_edition.Phase, phase) is { } refusal)
        {
            return new PhaseChange(PhaseChangeOutcome.NotAllowed, _edition, refusal);
        }
        if (phase == EditionPhase.Final && !await StopBallotsAsync())
        {
            return Conflict();
        }
        var current = _edition;
        if (phase == EditionPhase.Voting)
        {
            // Proposals freeze first (every proposal write in flight has committed or been refused), then become projects.
            var before = current.Phase;
            if (!await StopBallotsAsync())
            {
                return Conflict();
            }
            current = ProposalRules.IntoVote(current, await ReadProposalsAsync());
            // The edition as it will vote must be valid like a created one (at least one project per pool, ranks with points).
            var errors = EditionValidator.Validate(current with { Phase = EditionPhase.Voting });
            if (errors.Count > 0)
            {
                await ReopenAsync(before);
                return new PhaseChange(PhaseChangeOutcome.NotAllowed, _edition, "Voting cannot open: " + string.Join(" ", errors));
            }
        }
        var changed = phase == EditionPhase.Final
            ? current with { Phase = phase, CertifiedAt = time.GetUtcNow(), CertifiedBy = changedBy }
            : current with { Phase = phase };
        var data = RowJson.Write(changed);
        var ops = new List<WriteOp> { new ReplaceRow(Tables.Editions.Name, Tables.Global, Key, data, _row.Version) };
        ops.AddRange(GateOps(phase));
        if (phase == EditionPhase.Final)
        {
            // No ballot can commit any more (StopBallotsAsync): these are exactly the committed ballots.
            var frozen = await ComputeResultsAsync(changed);
            ops.Add(new UpsertRow(Tables.Results.Name, Tables.Global, Key, RowJson.Write(frozen)));
        }
        var result = await storage.WriteAsync(new WriteUnit(ops));
        if (result.Outcome == WriteOutcome.GuardFailed)
        {
            Load(result.Current);
            return Conflict();
        }
        Load(new StoredRow(data, _row.Version + 1));
        return new PhaseChange(PhaseChangeOutcome.Changed, _edition);
    }

    /// <summary>
    /// Closes every gate (both ballot channels and the proposal phases) in a committed unit of its
    /// own (the definition unchanged, its version moved), so that every ballot or proposal write
    /// still in flight has either committed or been refused.
    /// </summary>
    private async Task<bool> StopBallotsAsync()
    {
        var data = RowJson.Write(_edition);
        var result = await storage.WriteAsync(new WriteUnit([new ReplaceRow(Tables.Editions.Name, Tables.Global, Key, data, _row!.Version), .. GateOps(EditionPhase.Final)]));
        Load(result.Outcome == WriteOutcome.Committed ? new StoredRow(data, _row.Version + 1) : result.Current);
        return result.Outcome == WriteOutcome.Committed;
    }

    /// <summary>Opens the gates of a phase again after a refused move (the definition unchanged).</summary>
    private async Task ReopenAsync(string phase)
    {
        var data = RowJson.Write(_edition);
        var result = await storage.WriteAsync(new WriteUnit([new ReplaceRow(Tables.Editions.Name, Tables.Global, Key, data, _row!.Version), .. GateOps(phase)]));
        Load(result.Outcome == WriteOutcome.Committed ? new StoredRow(data, _row.Version + 1) : result.Current);
    }

    private async Task<List<StoredProposal>> ReadProposalsAsync()
    {
        var proposals = new List<StoredProposal>();
        await foreach (var row in storage.ReadScopeAsync(Tables.Proposals.Name, Key))
        {
            proposals.Add(RowJson.Read<StoredProposal>(row.Data));
        }
        return proposals;
    }

    public async Task<ProposalPage?> ListProposalsAsync(string? poolId, string? status, int page, int pageSize)
    {
        if (_edition is null)
        {
            return null;
        }
        var sums = await storage.SumCountersAsync(Tables.ProposalCounters(Key));
        var matching = (await ReadProposalsAsync())
            .Select(p => p.View(sums.GetValueOrDefault(Tables.SupportersCounter(p.ProposalId))))
            .Where(p => (poolId is null || p.PoolId == poolId) && (status is null || p.Status == status))
            .ToList();
        var items = matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new ProposalPage(items, page, pageSize, matching.Count);
    }

    public async Task<IReadOnlyDictionary<string, Delivery>> GetDeliveriesAsync()
    {
        var deliveries = new Dictionary<string, Delivery>(StringComparer.Ordinal);
        await foreach (var row in storage.ReadScopeAsync(Tables.Deliveries.Name, Key))
        {
            deliveries[row.Key] = RowJson.Read<Delivery>(row.Data);
        }
        return deliveries;
    }

    public async Task<Turnout?> GetTurnoutAsync() =>
        _edition is null ? null : Tally.TurnoutOf(_edition, await storage.SumCountersAsync(Tables.EditionCounters(_edition.Id)));

    private PhaseChange Conflict() => new(PhaseChangeOutcome.NotAllowed, _edition, "The edition changed meanwhile; try again.");

    /// <summary>
    /// The gate rows of a phase: online ballots while voting; paper ballots also after the close,
    /// until final; proposal writes in submission, verification and appeals, each in its own.
    /// </summary>
    private IEnumerable<WriteOp> GateOps(string phase)
    {
        WriteOp Gate(string channel, bool open) => open
            ? new UpsertRow(Tables.BallotGates.Name, Key, channel, "{}")
            : new DeleteRow(Tables.BallotGates.Name, Key, channel);
        yield return Gate(BallotChannel.Online, phase == EditionPhase.Voting);
        yield return Gate(BallotChannel.Paper, phase is EditionPhase.Voting or EditionPhase.Closed);
        foreach (var proposalPhase in (string[])[EditionPhase.Submission, EditionPhase.Verification, EditionPhase.Appeals])
        {
            yield return Gate(Tables.PhaseGateKey(proposalPhase), phase == proposalPhase);
        }
    }

    public async Task<EditionResults?> GetResultsAsync()
    {
        if (_edition is null || _row is null)
        {
            DeactivateOnIdle(); // an unknown id: no lasting activation
            return null;
        }
        var edition = _edition;
        var version = _row.Version;
        if (edition.Phase == EditionPhase.Final)
        {
            if (_results is { } frozenCached && frozenCached.EditionVersion == version)
            {
                return await frozenCached.Results;
            }
            var frozen = await storage.ReadRowAsync(Tables.Results.Name, Tables.Global, Key);
            if (frozen is not null)
            {
                var results = RowJson.Read<EditionResults>(frozen.Data);
                _results = (version, 0, Task.FromResult(results));
                return results;
            }
        }
        var sums = await storage.SumCountersAsync(Tables.EditionCounters(edition.Id));
        var changes = sums.GetValueOrDefault(Tally.ChangesCounter);
        if (_results is { } same && same.EditionVersion == version && same.Changes == changes)
        {
            return await same.Results;
        }
        var computing = ComputeResultsAsync(edition, sums);
        _results = (version, changes, computing);
        try
        {
            return await computing;
        }
        catch
        {
            if (_results is { } failed && failed.Results == computing)
            {
                _results = null;
            }
            throw;
        }
    }

    public async Task<int> AddToRegistryAsync(IReadOnlyList<string> voterKeys)
    {
        if (_edition is null || _row is null)
        {
            return 0;
        }
        foreach (var chunk in voterKeys.Distinct(StringComparer.Ordinal).Chunk(RegistryChunk))
        {
            await storage.WriteAsync(new WriteUnit(chunk.Select(key => (WriteOp)new UpsertRow(Tables.Registry.Name, Key, key, "{}")).ToList()));
        }
        if (!_edition.HasVoterRegistry)
        {
            var marked = _edition with { HasVoterRegistry = true };
            var data = RowJson.Write(marked);
            var result = await storage.WriteAsync(new WriteUnit([new ReplaceRow(Tables.Editions.Name, Tables.Global, Key, data, _row.Version)]));
            Load(result.Outcome == WriteOutcome.Committed ? new StoredRow(data, _row.Version + 1) : result.Current);
        }
        return voterKeys.Count;
    }

    public async Task<IReadOnlyList<IReadOnlyList<Selection>>> GetCountedBallotsAsync()
    {
        var ballots = await BallotReader.ReadCountedAsync(storage, Key);
        return ballots.Select(b => b.Selections).ToList();
    }

    private async Task<EditionResults> ComputeResultsAsync(Edition edition) =>
        await ComputeResultsAsync(edition, await storage.SumCountersAsync(Tables.EditionCounters(edition.Id)));

    private async Task<EditionResults> ComputeResultsAsync(Edition edition, IReadOnlyDictionary<string, long> sums)
    {
        IReadOnlyList<StoredBallot> ballots = [];
        if (edition.Pools.Any(p => p.Method == AllocationMethod.EqualShares))
        {
            ballots = await BallotReader.ReadCountedAsync(storage, edition.Id);
        }
        return ResultsCalculator.Compute(edition, sums, ballots);
    }

    private void Load(StoredRow? row)
    {
        if (row?.Version != _row?.Version)
        {
            _results = null;
        }
        _row = row;
        _edition = row is null ? null : RowJson.Read<Edition>(row.Data);
    }
}
