using System.Security.Cryptography;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Voting.Gateway.Admin;
using Voting.Gateway.Identity;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Gateway.Voters;
using Voting.Grains.Rules;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Voting.Silo.Hosting;
using Voting.Storage;

namespace Voting.Gateway.Hosting;

public static class GatewayServices
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Everything the gateway needs; in embedded mode (the default) a silo runs in this process.</summary>
    public static WebApplicationBuilder AddVotingGateway(this WebApplicationBuilder builder)
    {
        ManagementPorts.ListenOn(builder, DefaultUrl);
        var importMax = Math.Max(builder.Configuration.GetValue(AdminEditionsApi.ImportMaxBytesKey, AdminEditionsApi.MaxImportBytes), AdminEditionsApi.MaxImportBytes);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = importMax);
        var services = builder.Services;
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.AddDefaultCode);
        // A query string that does not bind (e.g. includeVotes=maybe) becomes 400 malformed-request.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<GatewayExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, VotingJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, GatewayJsonContext.Default);
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddResidentRateLimiting(builder.Configuration, builder.Environment);
        var clustered = builder.Configuration.GetValue<bool>("Cluster:Enabled");
        if (clustered)
        {
            builder.AddClusterClient();
        }
        else
        {
            services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
            builder.AddVotingSilo(embedded: true);
        }

        var dataFolder = builder.Configuration[$"{StorageOptions.Section}:Path"] ?? "data";
        var secret = VoterKeySecret.Resolve(builder.Configuration, dataFolder, mayGenerate: !clustered);
        services.AddSingleton(new VoterIdentity(new VoterKeyDeriver(secret)));
        builder.AddVoterIdentityModes();
        services.AddSingleton(AdminTokenFrom(builder.Configuration, builder.Environment));
        services.AddSingleton<AdminAuthFilter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new GrainCalls(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Orleans.Metadata.GrainInterfaceTypeResolver>(), sp.GetRequiredService<Orleans.GrainInterfaceTypeToGrainTypeResolver>()));
        services.AddSingleton<PaperBallotRecorder>();
        services.AddSingleton<EditionImporter>();
        return builder;
    }

    /// <summary>Well-known placeholders and defaults, refused as admin tokens outside Development (compared ignoring case).</summary>
    public static readonly string[] PlaceholderTokens = ["CHANGE-ME", "changeme", "change_me", "secret", "admin", "password", "token", "test", "default", "example"];

    public const int MinAdminTokenLength = 32;

    private static AdminToken AdminTokenFrom(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{AdminOptions.Section}:Token"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!environment.IsDevelopment() && WeakTokenReason(configured) is { } reason)
            {
                throw new Microsoft.Extensions.Options.OptionsValidationException(AdminOptions.Section, typeof(AdminOptions),
                    [$"Admin:Token {reason} Outside Development the admin token must have at least {MinAdminTokenLength} characters and not be a placeholder; generate one with `openssl rand -hex 32`."]);
            }
            return new AdminToken(configured);
        }
        // Embedded first run without a configured token: a strong one for this run only, printed once
        // on the console (never logged), marked so that it is not mistaken for a configured token.
        var generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Console.WriteLine($"[voting: generated admin token, this run only, not logged] {generated}");
        return new AdminToken(generated);
    }

    /// <summary>Why a token is too weak, or null.</summary>
    public static string? WeakTokenReason(string token)
    {
        var trimmed = token.Trim();
        if (PlaceholderTokens.Any(p => trimmed.Contains(p, StringComparison.OrdinalIgnoreCase) && trimmed.Length < p.Length + MinAdminTokenLength / 2))
        {
            return "is a well-known placeholder.";
        }
        if (trimmed.Length < MinAdminTokenLength)
        {
            return $"is shorter than {MinAdminTokenLength} characters.";
        }
        return trimmed.Distinct().Count() < 8 ? "has too few distinct characters." : null;
    }
}

public static class GatewayDashboard
{
    /// <summary>Embedded mode hosts the silo, so it serves the Orleans Dashboard (behind the admin token); a cluster gateway does not.</summary>
    public static WebApplication MapEmbeddedDashboard(this WebApplication app) =>
        app.Configuration.GetValue<bool>("Cluster:Enabled") ? app : app.MapVotingDashboard(app.Services.GetRequiredService<AdminToken>().Value);
}
