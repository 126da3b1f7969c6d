using System.Diagnostics.Tracing;

namespace Voting.Benchmarks;

/// <summary>
/// Where the bytes of a vote go, by type: runs <see cref="GrainCallBenchmarks.AllAtOnce"/> (or
/// the ledger batch) many times under the runtime's allocation sampling (one event per ~100 KB
/// allocated, naming the type of the object that crossed the mark) and prints the top types.
/// Also prints the heap kept per vote right after the votes (what voter activations hold until
/// they are collected).
/// <c>dotnet run -c Release --project benchmarks/Voting.Benchmarks -- alloc-by-type [grain|ledger] [operations]</c>.
/// </summary>
internal static class AllocationProfile
{
    public static async Task RunAsync(string target, int operations)
    {
        using var listener = new AllocationListener();
        long votes;
        if (target == "ledger")
        {
            var ledger = new LedgerBatchBenchmarks();
            await ledger.Setup();
            for (var i = 0; i < 10; i++)
            {
                ledger.BuildUnits();
                await ledger.WriteBatch();
            }
            listener.Start();
            for (var i = 0; i < operations; i++)
            {
                ledger.BuildUnits();
                listener.Paused = false;
                await ledger.WriteBatch();
                listener.Paused = true;
            }
            ledger.Cleanup();
            votes = (long)operations * LedgerBatchBenchmarks.Rows;
        }
        else
        {
            var grains = new GrainCallBenchmarks();
            await grains.Setup();
            for (var i = 0; i < 10; i++)
            {
                grains.NewVoters();
                await grains.AllAtOnce();
            }
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            listener.Start();
            for (var i = 0; i < operations; i++)
            {
                grains.NewVoters();
                listener.Paused = false;
                await grains.AllAtOnce();
                listener.Paused = true;
            }
            votes = (long)operations * GrainCallBenchmarks.Batch;
            var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
            Console.WriteLine($"retained right after the votes (activations not yet collected): {retained / (double)votes:F0} B per vote");
            await grains.Cleanup();
        }
        var total = listener.Bytes.Values.Sum();
        Console.WriteLine($"sampled {total / 1024.0 / 1024.0:F1} MiB over {votes} votes = ~{total / (double)votes:F0} B per vote; top types:");
        foreach (var (type, bytes) in listener.Bytes.OrderByDescending(b => b.Value).Take(40))
        {
            Console.WriteLine($"{bytes / (double)votes,8:F0} B/vote  {100.0 * bytes / total,5:F1} %  {type}");
        }
    }

    private sealed class AllocationListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private EventSource? _runtime;

        public Dictionary<string, long> Bytes { get; } = [];

        public volatile bool Paused = true;

        public void Start()
        {
            if (_runtime is not null)
            {
                EnableEvents(_runtime, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                _runtime = eventSource;
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (Paused || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
            {
                return;
            }
            var names = e.PayloadNames!;
            var type = e.Payload[names.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[names.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            lock (Bytes)
            {
                Bytes[type] = Bytes.GetValueOrDefault(type) + amount;
            }
        }
    }
}
