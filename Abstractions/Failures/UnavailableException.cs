namespace Voting.Failures;

/// <summary>The request could not be durably completed and nothing was recorded: safe to send again (503 <c>unavailable</c>).</summary>
[GenerateSerializer]
[Alias("voting.unavailable")]
public sealed class UnavailableException : Exception
{
    public UnavailableException()
    {
    }

    public UnavailableException(string message) : base(message)
    {
    }

    public UnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
