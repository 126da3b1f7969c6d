using Voting.Grains.Storage;
using Voting.Initiatives;
using Voting.Storage;

namespace Voting.Grains.Initiatives;

/// <summary>An initiative's definition; its count is the committed signatures, summed over shards.</summary>
internal sealed class InitiativeGrain(IGrainStorage storage, TimeProvider time) : Grain, IInitiativeGrain
{
    private Initiative? _initiative;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var row = await storage.ReadRowAsync(Tables.Initiatives.Name, Tables.Global, Key, cancellationToken);
        _initiative = row is null ? null : RowJson.Read<Initiative>(row.Data);
    }

    public async Task<bool> CreateAsync(Initiative initiative)
    {
        if (_initiative is not null)
        {
            return false;
        }
        var result = await storage.WriteAsync(new WriteUnit([new InsertRow(Tables.Initiatives.Name, Tables.Global, Key, RowJson.Write(initiative))]));
        if (result.Outcome == WriteOutcome.GuardFailed)
        {
            _initiative = RowJson.Read<Initiative>(result.Current!.Data);
            return false;
        }
        _initiative = initiative;
        return true;
    }

    public async Task<InitiativeView?> SubmitAsync()
    {
        var row = await storage.ReadRowAsync(Tables.Initiatives.Name, Tables.Global, Key);
        if (row is null || _initiative is null)
        {
            return null;
        }
        if (_initiative.SubmittedAt is null)
        {
            var submitted = _initiative with { SubmittedAt = time.GetUtcNow() };
            var result = await storage.WriteAsync(new WriteUnit([new ReplaceRow(Tables.Initiatives.Name, Tables.Global, Key, RowJson.Write(submitted), row.Version)]));
            _initiative = result.Outcome == WriteOutcome.Committed ? submitted : RowJson.Read<Initiative>(result.Current!.Data);
        }
        return await GetAsync();
    }

    public Task<Initiative?> GetDefinitionAsync()
    {
        ForgetIfUnknown();
        return Task.FromResult(_initiative);
    }

    /// <summary>An id nobody created costs no lasting memory: the activation goes once the call is answered.</summary>
    private void ForgetIfUnknown()
    {
        if (_initiative is null)
        {
            DeactivateOnIdle();
        }
    }

    public async Task<InitiativeView?> GetAsync()
    {
        if (_initiative is not { } initiative)
        {
            ForgetIfUnknown();
            return null;
        }
        var sums = await storage.SumCountersAsync(Tables.InitiativeCounters(initiative.Id));
        var signatures = sums.GetValueOrDefault(InitiativeCounters.Signatures);
        var status = StatusOf(initiative, signatures, time.GetUtcNow());
        return new InitiativeView(initiative.Id, initiative.Title, initiative.Threshold, signatures, status, initiative.CollectFrom, initiative.CollectUntil);
    }

    /// <summary>Status follows the committed count: threshold-reached exactly when it reaches the threshold.</summary>
    public static string StatusOf(Initiative initiative, long signatures, DateTimeOffset now) =>
        initiative.SubmittedAt is not null ? InitiativeStatus.Submitted
        : signatures >= initiative.Threshold ? InitiativeStatus.ThresholdReached
        : now > initiative.CollectUntil ? InitiativeStatus.Expired
        : InitiativeStatus.Collecting;
}
