using System.Collections.Concurrent;
using Voting.Editions;

namespace Voting.Grains.Editions;

/// <summary>
/// Edition definitions as voter grains of this silo see them, reused for at most a second so that
/// the edition grain is not on the path of every vote. A stale phase never records a ballot: the
/// ballot's gate row decides at commit time, and a refused ballot forgets the cached edition.
/// </summary>
public sealed class EditionCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (Edition Edition, long At)> _editions = new(StringComparer.Ordinal);

    public async Task<Edition?> GetAsync(IGrainFactory grains, string editionId)
    {
        if (_editions.TryGetValue(editionId, out var cached) && time.GetElapsedTime(cached.At) < MaxAge)
        {
            return cached.Edition;
        }
        return await GetFreshAsync(grains, editionId);
    }

    /// <summary>Asks the edition grain, and keeps its answer for the next second.</summary>
    public async Task<Edition?> GetFreshAsync(IGrainFactory grains, string editionId)
    {
        var edition = await grains.GetGrain<IEditionGrain>(editionId).GetAsync();
        if (edition is null)
        {
            // Unknown ids are not kept: they would cost memory for every id an attacker tries.
            _editions.TryRemove(editionId, out _);
            return null;
        }
        _editions[editionId] = (edition, time.GetTimestamp());
        return edition;
    }

    public void Forget(string editionId) => _editions.TryRemove(editionId, out _);
}
