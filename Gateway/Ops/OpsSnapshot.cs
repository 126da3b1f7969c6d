namespace Voting.Gateway.Ops;

/// <summary>
/// What <c>GET /ops/snapshot</c> answers: cumulative totals read from the OpenTelemetry meter provider; the page
/// takes rates and percentiles from the difference of two snapshots (<see cref="AtSeconds"/> is
/// monotonic). No voter data: only counts, durations and runtime readings; <see cref="Turnout"/> holds the
/// ledger counts of the editions and initiatives the page watches (<see cref="TurnoutPanel"/>).
/// </summary>
public sealed record OpsSnapshot(
    string Component,
    string Version,
    double UptimeSeconds,
    double AtSeconds,
    int ProcessorCount,
    HistogramView Ballots,
    IReadOnlyDictionary<string, long> BallotStatuses,
    IReadOnlyDictionary<string, long> HttpStatuses,
    long ActiveRequests,
    long ActiveConnections,
    StorageView Storage,
    IReadOnlyDictionary<string, long> Activations,
    RuntimeView Runtime,
    TurnoutPanel? Turnout = null);
