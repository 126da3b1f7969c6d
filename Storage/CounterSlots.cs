
namespace Voting.Storage;

/// <summary>
/// Counter slots: each concurrent writer (a group-commit loop of one process) adds into its own
/// slot. Slots come from a stable hash of the writer id, so two writers share a slot only by a
/// rare collision, which costs a little lock waiting and never correctness.
/// </summary>
internal static class CounterSlots
{
    private const int Spread = 1 << 20;

    public static int BaseFor(string writerId, int loops) => (int)(StableHash.Of(writerId) % Spread) * Math.Max(loops, 1) % int.MaxValue;
}
