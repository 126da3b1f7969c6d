using Voting.Runtime.Sharding;

namespace Voting.Runtime.Cluster;

/// <summary>
/// Rendezvous (highest random weight) hashing: a shard belongs to the live silo with the highest
/// hash of (shard, silo). When a silo joins or leaves, only the shards it wins or held move.
/// </summary>
public static class Rendezvous
{
    public static string? OwnerOf(int shard, IReadOnlyList<string> silos)
    {
        string? best = null;
        var bestWeight = 0UL;
        foreach (var silo in silos)
        {
            var weight = Mix(StableHash.Of($"{shard}/{silo}"));
            if (best is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(silo, best) < 0))
            {
                best = silo;
                bestWeight = weight;
            }
        }
        return best;
    }

    /// <summary>The 64-bit finaliser of MurmurHash3, so close inputs get unrelated weights.</summary>
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
