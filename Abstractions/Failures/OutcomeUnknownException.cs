namespace Voting.Failures;

/// <summary>
/// A commit was sent but its answer was lost: the request may or may not have been recorded
/// (503 <c>outcome-unknown</c>). Sending the same request again resolves it: a replay (200) or a
/// new record (201).
/// </summary>
[GenerateSerializer]
[Alias("voting.outcome-unknown")]
public sealed class OutcomeUnknownException : Exception
{
    public OutcomeUnknownException()
    {
    }

    public OutcomeUnknownException(string message) : base(message)
    {
    }

    public OutcomeUnknownException(string message, Exception inner) : base(message, inner)
    {
    }
}
