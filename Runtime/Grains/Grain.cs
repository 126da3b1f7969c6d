namespace Voting.Runtime.Grains;

/// <summary>
/// Base class of grain implementations. The runtime runs one call at a time per activation
/// (except <see cref="ReadOnlyAttribute"/> methods), so grain code needs no locks.
/// Dependencies come through the constructor.
/// </summary>
public abstract class Grain
{
    /// <summary>The grain's identity.</summary>
    public GrainId Id { get; private set; }

    /// <summary>The shard the grain lives in; its writes are fenced by this shard.</summary>
    public int Shard { get; private set; }

    /// <summary>The grain's key.</summary>
    protected string Key => Id.Key;

    internal void Bind(GrainId id, int shard)
    {
        Id = id;
        Shard = shard;
    }

    /// <summary>Runs before the first call of an activation: load state here.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
