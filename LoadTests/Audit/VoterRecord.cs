using Voting.LoadTests.Model;

namespace Voting.LoadTests.Audit;

public enum VoteState
{
    Pending,
    Acknowledged,
    Rejected,
    Ambiguous,
}

/// <summary>One synthetic voter: the exact bytes sent (re-sent verbatim for duplicates) and what came back.</summary>
public sealed class VoterRecord(string pesel, Ballot ballot, byte[] body)
{
    public string Pesel { get; } = pesel;

    public Ballot Ballot { get; } = ballot;

    public byte[] Body { get; } = body;

    public VoteState State { get; set; } = VoteState.Pending;

    public string? ReceiptId { get; set; }
}
