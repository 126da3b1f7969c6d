using System.Collections.Concurrent;
using Voting.Runtime.Grains;

namespace Voting.Runtime.Cluster;

/// <summary>
/// Short-lived copies of answers of read-only grain methods marked cacheable
/// (<see cref="ReadOnlyAttribute.CacheMilliseconds"/>), so a read-mostly grain (an edition) is
/// not called remotely on every vote. Null answers are never kept: a grain created a moment
/// ago must be visible at once.
/// </summary>
internal sealed class RemoteReadCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<(GrainId, string), (long Stamp, object Value)> _entries = new();

    public async Task<T> GetOrCallAsync<T>(GrainId id, GrainMethod method, Func<Task<T>> call)
    {
        var key = (id, method.Method.Name);
        if (_entries.TryGetValue(key, out var entry) && time.GetElapsedTime(entry.Stamp) < method.RemoteCacheDuration)
        {
            return (T)entry.Value;
        }
        var stamp = time.GetTimestamp();
        var value = await call();
        if (value is not null)
        {
            _entries[key] = (stamp, value);
        }
        else
        {
            _entries.TryRemove(key, out _);
        }
        return value;
    }

    public void Forget(GrainId id)
    {
        foreach (var key in _entries.Keys)
        {
            if (key.Item1 == id)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}
