namespace Voting.Runtime.Grains;

/// <summary>Takes a grain call to where the grain lives: this process or another silo.</summary>
public interface IGrainCallRouter
{
    Task<T> InvokeAsync<T>(GrainId id, GrainMethod method, object?[] args);
}

/// <summary>Every grain lives here (embedded mode, or a silo serving its own shards).</summary>
public sealed class LocalGrainRouter(ActivationTable activations) : IGrainCallRouter
{
    public Task<T> InvokeAsync<T>(GrainId id, GrainMethod method, object?[] args) => activations.InvokeAsync<T>(id, method, args);
}
