using System.Collections.Concurrent;
using System.Reflection;

namespace Voting.Runtime.Grains;

/// <summary>Hands out references to grains; a call on a reference goes through the router.</summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrain;
}

public sealed class GrainFactory(GrainTypeRegistry types, IGrainCallRouter router) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrain
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var type = types.Get(typeof(TGrain));
        var proxy = DispatchProxy.Create<TGrain, GrainProxy>();
        ((GrainProxy)(object)proxy).Bind(new GrainId(type.Name, key), type, router);
        return proxy;
    }
}

/// <summary>The reference object behind a grain interface: turns each method call into a routed grain call.</summary>
public class GrainProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, Func<IGrainCallRouter, GrainId, GrainMethod, object?[], object>> Invokers = new();
    private static readonly MethodInfo InvokeTyped = typeof(GrainProxy).GetMethod(nameof(Route), BindingFlags.NonPublic | BindingFlags.Static)!;

    private GrainId _id;
    private GrainType _type = null!;
    private IGrainCallRouter _router = null!;

    internal void Bind(GrainId id, GrainType type, IGrainCallRouter router)
    {
        _id = id;
        _type = type;
        _router = router;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (!_type.TryGetMethod(targetMethod.Name, out var method))
        {
            throw new MissingMethodException(_type.Interface.Name, targetMethod.Name);
        }
        var invoker = Invokers.GetOrAdd(targetMethod, static (_, m) =>
            InvokeTyped.MakeGenericMethod(m.ResultType).CreateDelegate<Func<IGrainCallRouter, GrainId, GrainMethod, object?[], object>>(), method);
        return invoker(_router, _id, method, args ?? []);
    }

    private static object Route<T>(IGrainCallRouter router, GrainId id, GrainMethod method, object?[] args) =>
        router.InvokeAsync<T>(id, method, args);
}
