using System.Collections.Concurrent;
using System.Reflection;
using Voting.Runtime.Grains;

namespace Voting.Runtime.Cluster;

/// <summary>Invokes a grain method whose result type is known only at run time.</summary>
internal static class GrainInvoker
{
    private static readonly ConcurrentDictionary<Type, Func<ActivationTable, GrainId, GrainMethod, object?[], Task<object?>>> Invokers = new();
    private static readonly MethodInfo Typed = typeof(GrainInvoker).GetMethod(nameof(InvokeTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static Task<object?> InvokeAsync(ActivationTable activations, GrainId id, GrainMethod method, object?[] args) =>
        Invokers.GetOrAdd(method.ResultType, static t => Typed.MakeGenericMethod(t).CreateDelegate<Func<ActivationTable, GrainId, GrainMethod, object?[], Task<object?>>>())
            (activations, id, method, args);

    private static async Task<object?> InvokeTyped<T>(ActivationTable activations, GrainId id, GrainMethod method, object?[] args) =>
        await activations.InvokeAsync<T>(id, method, args);
}
