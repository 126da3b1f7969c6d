namespace Voting.Silo.Hosting;

/// <summary>Which process this is ("gateway", "embedded", "silo") and its build version.</summary>
public sealed record TelemetryIdentity(string Component, string Version)
{
    /// <summary>The OpenTelemetry resource's <c>service.name</c>.</summary>
    public string ServiceName => "voting-" + Component;
}
