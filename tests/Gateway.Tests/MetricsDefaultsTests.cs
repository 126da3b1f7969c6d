using Voting.Gateway.Tests.Infrastructure;
using Voting.Silo.Hosting;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// A gateway process (Kestrel, so its memory pool is metered too) exports what dashboards read and
/// not the instruments recorded per request, buffer, grain call or activation, unless
/// <c>Telemetry:DetailedInstruments</c> asks for them. (A real process: meters of Orleans are
/// process-wide, and a second in-memory host would share them with the other tests.)
/// </summary>
public sealed class MetricsDefaultsTests
{
    private const string Token = "metrics-defaults-token-0123456789abcdef";

    private static readonly string[] PerEvent =
        ["aspnetcore_memory_pool_", "aspnetcore_routing_match_attempts", "orleans_app_requests_latency", "orleans_catalog_activation_latency", "orleans_directory_registrations"];

    [Fact]
    public async Task ByDefault_PerEventInstrumentsAreNotExported_WhatDashboardsReadIs()
    {
        var text = await MetricsAfterVotesAsync();

        Assert.All(PerEvent, name => Assert.DoesNotContain(name, text));
        Assert.Contains("http_server_request_duration_seconds_count{", text);
        Assert.Contains("orleans_catalog_activations{", text);
        Assert.Contains("orleans_catalog_activation_created_total{", text);
        Assert.Contains("kestrel_active_connections{", text);
        Assert.Contains("voting_storage_commits_total{", text);
    }

    [Fact]
    public async Task DetailedInstruments_ExportsThemToo()
    {
        var text = await MetricsAfterVotesAsync("--" + TelemetryExtensions.DetailedInstrumentsKey, "true");

        Assert.All(PerEvent, name => Assert.Contains(name, text));
    }

    private static Task<string> MetricsAfterVotesAsync(params string[] arguments) =>
        GatewayAfterVotes.InspectAsync(Token, arguments, (_, admin) => admin.GetStringAsync("/metrics"));
}
