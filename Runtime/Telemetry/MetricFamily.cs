namespace Voting.Runtime.Telemetry;

/// <summary>
/// One instrument at the time of a scrape. <see cref="Name"/> is the Prometheus name as written
/// (counters already end in <c>_total</c>); <see cref="InstrumentName"/> is the OpenTelemetry one.
/// </summary>
public sealed record MetricFamily(string Name, MetricType Type, string? Help, string MeterName, string InstrumentName, string? Unit, IReadOnlyList<SeriesSample> Series);
