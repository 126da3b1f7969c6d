using Voting.Editions;
using Voting.Grains.Storage;
using Voting.Results;
using Voting.Runtime.Grains;
using Voting.Runtime.Storage;

namespace Voting.Grains.Editions;

/// <summary>An edition's definition, phase and results; read-mostly, kept in memory.</summary>
internal sealed class EditionGrain(IGrainStorage storage, TimeProvider time) : Grain, IEditionGrain
{
    private StoredRow? _row;
    private Edition? _edition;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Load(await storage.ReadRowAsync(Tables.Editions.Name, Tables.Global, Key, cancellationToken));
    }

    public Task<Edition?> GetAsync() => Task.FromResult(_edition);

    public async Task<bool> CreateAsync(Edition edition)
    {
        if (_edition is not null)
        {
            return false;
        }
        var data = RowJson.Write(edition);
        var result = await storage.WriteForAsync(this, [new InsertRow(Tables.Editions.Name, Tables.Global, Key, data)]);
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
        if (_edition.Phase == EditionPhase.Final)
        {
            return new PhaseChange(PhaseChangeOutcome.NotAllowed, _edition, "The edition is final: its results are certified and frozen.");
        }
        if (phase == EditionPhase.Draft && _edition.Phase != EditionPhase.Draft)
        {
            return new PhaseChange(PhaseChangeOutcome.NotAllowed, _edition, "An edition cannot go back to draft.");
        }
        var now = time.GetUtcNow();
        var changed = phase == EditionPhase.Final
            ? _edition with { Phase = phase, CertifiedAt = now, CertifiedBy = changedBy }
            : _edition with { Phase = phase };
        var data = RowJson.Write(changed);
        var ops = new List<WriteOp> { new ReplaceRow(Tables.Editions.Name, Tables.Global, Key, data, _row.Version) };
        if (phase == EditionPhase.Final)
        {
            var frozen = await ComputeResultsAsync(changed);
            ops.Add(new UpsertRow(Tables.Results.Name, Tables.Global, Key, RowJson.Write(frozen)));
        }
        var result = await storage.WriteForAsync(this, ops);
        if (result.Outcome == WriteOutcome.GuardFailed)
        {
            Load(result.Current);
            return new PhaseChange(PhaseChangeOutcome.NotAllowed, _edition, "The edition changed meanwhile; try again.");
        }
        Load(new StoredRow(data, _row.Version + 1));
        return new PhaseChange(PhaseChangeOutcome.Changed, _edition);
    }

    public async Task<EditionResults?> GetResultsAsync()
    {
        if (_edition is null)
        {
            return null;
        }
        if (_edition.Phase == EditionPhase.Final)
        {
            var frozen = await storage.ReadRowAsync(Tables.Results.Name, Tables.Global, Key);
            if (frozen is not null)
            {
                return RowJson.Read<EditionResults>(frozen.Data);
            }
        }
        return await ComputeResultsAsync(_edition);
    }

    public async Task<int> AddToRegistryAsync(IReadOnlyList<string> voterKeys)
    {
        if (_edition is null || _row is null)
        {
            return 0;
        }
        foreach (var chunk in voterKeys.Distinct(StringComparer.Ordinal).Chunk(RegistryChunk))
        {
            await storage.WriteForAsync(this, chunk.Select(key => (WriteOp)new UpsertRow(Tables.Registry.Name, Key, key, "{}")).ToList());
        }
        if (!_edition.HasVoterRegistry)
        {
            var marked = _edition with { HasVoterRegistry = true };
            var data = RowJson.Write(marked);
            var result = await storage.WriteForAsync(this, [new ReplaceRow(Tables.Editions.Name, Tables.Global, Key, data, _row.Version)]);
            Load(result.Outcome == WriteOutcome.Committed ? new StoredRow(data, _row.Version + 1) : result.Current);
        }
        return voterKeys.Count;
    }

    /// <summary>Registry rows per write unit.</summary>
    private const int RegistryChunk = 1000;

    public async Task<IReadOnlyList<IReadOnlyList<Selection>>> GetCountedBallotsAsync()
    {
        var ballots = await BallotReader.ReadCountedAsync(storage, Key);
        return ballots.Select(b => b.Selections).ToList();
    }

    private async Task<EditionResults> ComputeResultsAsync(Edition edition)
    {
        var sums = await storage.SumCountersAsync(Tables.EditionCounters(edition.Id));
        IReadOnlyList<StoredBallot> ballots = [];
        if (edition.Pools.Any(p => p.Method == AllocationMethod.EqualShares))
        {
            ballots = await BallotReader.ReadCountedAsync(storage, edition.Id);
        }
        return ResultsCalculator.Compute(edition, sums, ballots);
    }

    private void Load(StoredRow? row)
    {
        _row = row;
        _edition = row is null ? null : RowJson.Read<Edition>(row.Data);
    }
}
