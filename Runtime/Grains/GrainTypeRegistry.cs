using Microsoft.Extensions.DependencyInjection;
using System.Reflection;

namespace Voting.Runtime.Grains;

/// <summary>The grain types of an application: interface, implementation, wire name and methods.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainType> _byInterface = [];
    private readonly Dictionary<string, GrainType> _byName = [];

    public GrainTypeRegistry(IEnumerable<Hosting.GrainRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            Register(registration.Interface, registration.Implementation);
        }
    }

    public void Register(Type grainInterface, Type implementation)
    {
        var name = grainInterface.GetCustomAttribute<GrainTypeAttribute>()?.Name
            ?? throw new ArgumentException($"{grainInterface.Name} has no [GrainType] attribute.", nameof(grainInterface));
        if (!grainInterface.IsAssignableFrom(implementation) || !typeof(Grain).IsAssignableFrom(implementation))
        {
            throw new ArgumentException($"{implementation.Name} must derive from Grain and implement {grainInterface.Name}.", nameof(implementation));
        }
        var idle = grainInterface.GetCustomAttribute<GrainTypeAttribute>()!.IdleSeconds;
        var type = new GrainType(name, grainInterface, implementation) { IdleTimeout = idle > 0 ? TimeSpan.FromSeconds(idle) : null };
        _byInterface.Add(grainInterface, type);
        _byName.Add(name, type);
    }

    public GrainType Get(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var type) ? type : throw new InvalidOperationException($"Grain interface {grainInterface.Name} is not registered.");

    public GrainType Get(string name) =>
        _byName.TryGetValue(name, out var type) ? type : throw new KeyNotFoundException($"Grain type '{name}' is not registered.");

    public bool TryGet(string name, out GrainType type) => _byName.TryGetValue(name, out type!);
}

/// <summary>One registered grain type.</summary>
public sealed class GrainType
{
    private readonly Dictionary<string, GrainMethod> _methods;

    public GrainType(string name, Type grainInterface, Type implementation)
    {
        Name = name;
        Interface = grainInterface;
        Implementation = implementation;
        _methods = grainInterface.GetMethods().ToDictionary(m => m.Name, m => new GrainMethod(m));
        Factory = ActivatorUtilities.CreateFactory(implementation, []);
    }

    /// <summary>Creates an implementation instance with its dependencies (compiled once per type).</summary>
    public ObjectFactory Factory { get; }

    /// <summary>This type's idle timeout, when it differs from the runtime-wide one.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    public string Name { get; }
    public Type Interface { get; }
    public Type Implementation { get; }

    public bool TryGetMethod(string name, out GrainMethod method) => _methods.TryGetValue(name, out method!);
}

/// <summary>A grain interface method and what the runtime needs to know about it.</summary>
public sealed class GrainMethod
{
    public GrainMethod(MethodInfo method)
    {
        if (!method.ReturnType.IsGenericType || method.ReturnType.GetGenericTypeDefinition() != typeof(Task<>))
        {
            throw new ArgumentException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task<T>.", nameof(method));
        }
        Method = method;
        ResultType = method.ReturnType.GetGenericArguments()[0];
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        var readOnly = method.GetCustomAttribute<ReadOnlyAttribute>();
        IsReadOnly = readOnly is not null;
        RemoteCacheDuration = readOnly is { CacheMilliseconds: > 0 } && ParameterTypes.Length == 0 ? TimeSpan.FromMilliseconds(readOnly.CacheMilliseconds) : TimeSpan.Zero;
    }

    public MethodInfo Method { get; }
    public Type ResultType { get; }
    public Type[] ParameterTypes { get; }
    public bool IsReadOnly { get; }

    /// <summary>How long a remote caller may reuse a non-null answer (zero: never).</summary>
    public TimeSpan RemoteCacheDuration { get; }
}
