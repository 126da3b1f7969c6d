using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Voting.Silo.Hosting;

/// <summary>
/// The log levels of the ASP.NET templates (framework, Orleans and Polly at Warning: no lines per
/// request), as the lowest-precedence configuration source. appsettings.json says the same, but
/// it is read from the content root (the working directory), so a process started elsewhere
/// (<c>dotnet /opt/voting/Voting.Gateway.dll</c>) would otherwise log every request at
/// Information. appsettings.json, environment variables and the command line still override
/// these; request logging is opted into with
/// <c>Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information</c>.
/// </summary>
public static class LoggingDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        // Orleans places every new activation through a Polly pipeline, and Polly logs each execution at Information.
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    public static IHostApplicationBuilder AddLoggingDefaults(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration is IConfigurationBuilder configuration)
        {
            configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        }
        return builder;
    }
}
