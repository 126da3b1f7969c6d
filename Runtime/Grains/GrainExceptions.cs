namespace Voting.Runtime.Grains;

/// <summary>This silo does not own the shard of the grain; the caller should refresh its shard map and retry.</summary>
public sealed class NotOwnerException(int shard) : Exception($"This silo does not own shard {shard}.")
{
    public int Shard { get; } = shard;
}

/// <summary>The call could not be durably completed: nothing was recorded. Safe to retry.</summary>
public sealed class UnavailableException : Exception
{
    public UnavailableException(string message) : base(message)
    {
    }

    public UnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
