// Each test class hosts its own gateway. OpenTelemetry listens to meters by name across the whole
// process, so two gateways alive at once would see each other's instruments: one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
