namespace Voting.Runtime.Grains;

/// <summary>Marker for grain interfaces. Every method returns <see cref="Task{TResult}"/>.</summary>
public interface IGrain;

/// <summary>Names a grain interface's type on the wire and in storage.</summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>
    /// When above zero, activations of this type are dropped after this many idle seconds
    /// instead of the runtime-wide <c>Grains:IdleTimeout</c> (e.g. one-shot grains).
    /// </summary>
    public int IdleSeconds { get; init; }
}

/// <summary>
/// Marks a grain method that only reads state: it may run while another call of the same
/// activation is in progress (Orleans' [ReadOnly] interleaving).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute
{
    /// <summary>
    /// When above zero, callers in other processes may reuse a non-null answer of this
    /// parameterless method for this long (a read-mostly grain on the path of many calls).
    /// </summary>
    public int CacheMilliseconds { get; init; }
}
