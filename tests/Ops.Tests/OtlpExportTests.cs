using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Voting.Gateway.Tests.Infrastructure;
using Voting.Ops.Tests.Infrastructure;
using Voting.Silo.Hosting;
using Xunit;

namespace Voting.Ops.Tests;

/// <summary>
/// With an OTLP endpoint configured, traces and metrics reach it (a stand-in collector over
/// OTLP/HTTP), and no voter's PESEL is in them. Alone: the providers listen process-wide, and other hosts would feed them.
/// </summary>
[Collection(OtlpCollection.Name)]
public sealed class OtlpExportTests
{
    private static readonly ActivitySource Source = new("Voting.Ops.Tests");

    [Fact]
    public async Task ConfiguredEndpoint_ReceivesTracesAndMetrics()
    {
        var received = new ConcurrentDictionary<string, int>();
        var bodies = new ConcurrentBag<byte[]>();
        List<string> pesels;
        string ambient;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (body.Length > 0)
            {
                received.AddOrUpdate(signal, 1, (_, n) => n + 1);
                bodies.Add(body.ToArray());
            }
            return TypedResults.Bytes(Array.Empty<byte>(), "application/x-protobuf");
        });
        await collector.StartAsync();
        var endpoint = collector.Urls.Single();

        var gateway = GatewayFactory.With(new() { ["Telemetry:OtlpEndpoint"] = endpoint, ["Telemetry:OtlpProtocol"] = "http/protobuf" });
        await using (gateway)
        {
            var client = gateway.CreateClient();
            ambient = Activity.Current?.DisplayName ?? "none";
            Activity.Current = null;
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.NotNull(gateway.Services.GetService(typeof(OtlpSettings)));
            var edition = await Votes.CreateEditionAsync(gateway.CreateAdminClient());
            pesels = await Votes.CastAsync(client, edition, 2);
            // A span of our own ("Voting.*" sources are traced), whatever ASP.NET Core's sampling decided.
            using (var span = Source.StartActivity("ops-test-span"))
            {
                Assert.NotNull(span);
            }
        }

        // Stopping the gateway disposed OpenTelemetry's providers, which flush: both signals have arrived.
        Assert.True(received.ContainsKey("traces"), $"no traces (received: {string.Join(",", received.Keys)}; ambient activity: {ambient})");
        Assert.True(received.ContainsKey("metrics"), "no metrics: " + string.Join(",", received.Keys));
        // Protobuf carries strings as UTF-8: a PESEL in any span, attribute or label would show here.
        var exported = string.Concat(bodies.Select(b => System.Text.Encoding.Latin1.GetString(b)));
        Assert.Contains("ops-test-span", exported);
        // The ledger's span under each ballot's grain call: traces reach from the gateway to the ledger.
        Assert.Contains("ledger.write", exported);
        Assert.All(pesels, pesel => Assert.DoesNotContain(pesel, exported));
        await collector.StopAsync();
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://collector:4317")]
    public void BadEndpoint_FailsAtStart_NamingTheKey(string endpoint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = endpoint }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => OtlpSettings.From(configuration, "voting-test", "1"));

        Assert.Contains("Telemetry:OtlpEndpoint", error.Message);
    }

    [Fact]
    public void EnvironmentVariableName_IsHonoured_AndGrpcIsTheDefault()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317" }).Build();

        var settings = OtlpSettings.From(configuration, "voting-test", "1")!;

        Assert.Equal(new Uri("http://collector:4317"), settings.EndpointFor("traces"));
        Assert.Equal(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, settings.Protocol);
        Assert.Null(OtlpSettings.From(new ConfigurationBuilder().Build(), "voting-test", "1"));
    }
}
