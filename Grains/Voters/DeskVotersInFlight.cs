using System.Collections.Concurrent;

namespace Voting.Grains.Voters;

/// <summary>
/// The voters whose ballot the silo's ballot desk is writing at this moment. A burst of
/// submissions from one voter (a retrying phone, a script) would otherwise become as many insert
/// attempts on one row, which the ledger commits one after another (Azure cannot put one row twice
/// in a transaction); all but the first now go straight to the voter's grain, which answers them
/// from the ballot it reads once.
/// </summary>
internal sealed class DeskVotersInFlight
{
    private readonly ConcurrentDictionary<string, byte> _voters = new(StringComparer.Ordinal);

    /// <summary>False when this voter's ballot is already being written here.</summary>
    public bool TryEnter(string voterKey) => _voters.TryAdd(voterKey, 0);

    public void Leave(string voterKey) => _voters.TryRemove(voterKey, out _);
}
