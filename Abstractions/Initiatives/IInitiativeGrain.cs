using Voting.Runtime.Grains;

namespace Voting.Initiatives;

/// <summary>An initiative's definition and signature count. Key: the initiative id.</summary>
[GrainType("initiative")]
public interface IInitiativeGrain : IGrain
{
    /// <summary>Stores a new initiative; false when one with this id exists.</summary>
    Task<bool> CreateAsync(Initiative initiative);

    /// <summary>The committee submitted the signatures: collection ends. Null for an unknown initiative.</summary>
    Task<InitiativeView?> SubmitAsync();

    /// <summary>The definition, or null. Other processes may reuse it for a second.</summary>
    [ReadOnly(CacheMilliseconds = 1000)]
    Task<Initiative?> GetDefinitionAsync();

    /// <summary>The initiative with its committed signature count and status, or null.</summary>
    [ReadOnly]
    Task<InitiativeView?> GetAsync();
}
