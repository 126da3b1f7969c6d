using Voting.Editions;
using Voting.Gateway.Hosting;
using Voting.Gateway.Requests;
using Voting.Initiatives;
using Voting.Projects;

namespace Voting.Gateway.Ops;

/// <summary>
/// The <c>/ops</c> turnout panel: per watched edition its ballots by UTC hour and by pool, per
/// watched initiative its signatures against the threshold. Read from the committed ledger
/// counters through the same grain calls as <c>GET /editions/{id}/turnout</c> and
/// <c>GET /initiatives/{id}</c> — exact for the whole cluster and across restarts, unlike an
/// in-process meter of one gateway. Counts only: no voter data.
/// </summary>
public sealed record TurnoutPanel(IReadOnlyList<EditionTurnoutView> Editions, IReadOnlyList<InitiativeProgressView> Initiatives)
{
    public static readonly TurnoutPanel Empty = new([], []);
}

/// <summary>One edition's turnout; <see cref="Problem"/> says why there are no numbers (unknown edition, voting not open, unavailable).</summary>
public sealed record EditionTurnoutView(string EditionId, string? Phase, long Ballots, IReadOnlyList<PoolTurnout> ByPool, IReadOnlyList<HourTurnout> ByHour, string? Problem);

/// <summary>One initiative's signature progress.</summary>
public sealed record InitiativeProgressView(string InitiativeId, string? Status, long Signatures, int Threshold, string? Problem);

/// <summary>Reads the <see cref="TurnoutPanel"/> for the ids the page watches (<c>?edition=a,b&amp;initiative=c</c>).</summary>
public sealed class TurnoutPanelReader(GrainCalls grains)
{
    /// <summary>At most this many editions and initiatives per snapshot: the page polls every 2 s.</summary>
    public const int MaxWatched = 8;

    public static IReadOnlyList<string> ParseIds(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(RouteIds.IsId).Distinct(StringComparer.Ordinal).Take(MaxWatched).ToList();

    public async Task<TurnoutPanel> ReadAsync(IReadOnlyList<string> editions, IReadOnlyList<string> initiatives)
    {
        if (editions.Count == 0 && initiatives.Count == 0)
        {
            return TurnoutPanel.Empty;
        }
        var editionViews = await Task.WhenAll(editions.Select(ReadEditionAsync));
        var initiativeViews = await Task.WhenAll(initiatives.Select(ReadInitiativeAsync));
        return new TurnoutPanel(editionViews, initiativeViews);
    }

    private async Task<EditionTurnoutView> ReadEditionAsync(string editionId)
    {
        try
        {
            var grain = grains.Get<IEditionGrain>(editionId);
            var edition = await grains.RunAsync(() => grain.GetAsync());
            if (edition is null)
            {
                return new(editionId, null, 0, [], [], "edition-not-found");
            }
            if (!EditionPhase.VotingOpened(edition.Phase))
            {
                return new(editionId, edition.Phase, 0, [], [], "voting-not-open");
            }
            var turnout = await grains.RunAsync(() => grain.GetTurnoutAsync());
            return turnout is null
                ? new(editionId, edition.Phase, 0, [], [], "edition-not-found")
                : new(editionId, edition.Phase, turnout.Ballots, turnout.ByPool, turnout.ByHour, null);
        }
#pragma warning disable CA1031 // One unreadable edition must not take the whole ops snapshot down.
        catch (Exception)
#pragma warning restore CA1031
        {
            return new(editionId, null, 0, [], [], "unavailable");
        }
    }

    private async Task<InitiativeProgressView> ReadInitiativeAsync(string initiativeId)
    {
        try
        {
            var view = await grains.RunAsync(() => grains.Get<IInitiativeGrain>(initiativeId).GetAsync());
            return view is null
                ? new(initiativeId, null, 0, 0, "initiative-not-found")
                : new(initiativeId, view.Status, view.Signatures, view.Threshold, null);
        }
#pragma warning disable CA1031 // As above.
        catch (Exception)
#pragma warning restore CA1031
        {
            return new(initiativeId, null, 0, 0, "unavailable");
        }
    }
}
