using Voting.LoadTests.Load;

namespace Voting.LoadTests.Workloads;

/// <summary>Interleaves operations by weight, deterministically by arrival index (e.g. 6:2:2 votes:signatures:reads).</summary>
public static class Mix
{
    public static Operation Of(params (Operation Operation, int Weight)[] parts)
    {
        var active = parts.Where(p => p.Weight > 0).ToArray();
        var total = active.Sum(p => p.Weight);
        if (total == 0)
        {
            throw new ArgumentException("a mix needs at least one weighted operation", nameof(parts));
        }

        // Smooth weighted round robin: 6:2:2 becomes v v s r v v v s r v, not 6 votes in a row.
        var current = new int[active.Length];
        var slots = new Operation[total];
        for (var n = 0; n < total; n++)
        {
            var best = 0;
            for (var i = 0; i < active.Length; i++)
            {
                current[i] += active[i].Weight;
                if (current[i] > current[best])
                {
                    best = i;
                }
            }

            current[best] -= total;
            slots[n] = active[best].Operation;
        }

        return (index, ct) => slots[index % total](index, ct);
    }
}
