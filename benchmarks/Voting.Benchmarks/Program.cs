using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Voting.Benchmarks;

/// <summary>
/// The vote's hot path, piece by piece. By default each benchmark runs as a short job (3 warm-up
/// and 3 measured iterations) in this process, with allocations counted on every thread:
/// <c>dotnet run -c Release --project benchmarks/Voting.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["alloc-by-type", ..])
        {
            await AllocationProfile.RunAsync(args.Length > 1 ? args[1] : "grain", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 300);
            return;
        }
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
