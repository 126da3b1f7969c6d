using Voting.LoadTests.Model;

namespace Voting.LoadTests.Audit;

public enum VoteState
{
    Pending,
    Acknowledged,
    Rejected,
    Ambiguous,
}

/// <summary>
/// One synthetic voter: the exact bytes sent (re-sent verbatim for duplicates and retries) and
/// what came back. The ballot itself is kept only until the ledger counted its picks: a run keeps
/// every record until its audit, so each one holds no more than the audit still needs.
/// </summary>
public sealed class VoterRecord(Ballot ballot, byte[] body)
{
    private Ballot? _ballot = ballot;

    public byte[] Body { get; } = body;

    public VoteState State { get; set; } = VoteState.Pending;

    public string? ReceiptId { get; set; }

    /// <summary>The ballot, handed over once to be counted.</summary>
    internal Ballot? TakeBallot()
    {
        var taken = _ballot;
        _ballot = null;
        return taken;
    }
}
