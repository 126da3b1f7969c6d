using System.Reflection;

namespace Voting.Runtime.Telemetry;

/// <summary>The version an assembly was built as (informational version, e.g. "1.0.0+commit").</summary>
public static class BuildVersion
{
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
