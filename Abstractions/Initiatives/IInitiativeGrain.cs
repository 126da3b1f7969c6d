using Orleans.Concurrency;
namespace Voting.Initiatives;

/// <summary>An initiative's definition and signature count. Key: the initiative id.</summary>
[Alias("voting.initiative-grain")]
public interface IInitiativeGrain : IGrainWithStringKey
{
    /// <summary>Stores a new initiative; false when one with this id exists.</summary>
    [Alias("create")]
    Task<bool> CreateAsync(Initiative initiative);

    /// <summary>The committee submitted the signatures: collection ends. Null for an unknown initiative.</summary>
    [Alias("submit")]
    Task<InitiativeView?> SubmitAsync();

    /// <summary>The definition, or null. Voter grains may reuse it for a second.</summary>
    [Alias("definition")]
    [ReadOnly] // read-only: interleaves with other reads
    Task<Initiative?> GetDefinitionAsync();

    /// <summary>The initiative with its committed signature count and status, or null.</summary>
    [Alias("get")]
    [ReadOnly] // read-only: interleaves with other reads
    Task<InitiativeView?> GetAsync();
}
