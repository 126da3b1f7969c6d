using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Voting.Editions;
using Voting.Silo.Hosting;
using Voting.Voters;

namespace Voting.Benchmarks;

/// <summary>
/// Votes of new voters through the grains of an embedded silo, wired as the gateway wires it
/// (<c>AddVotingSilo(embedded: true)</c>, product defaults, SQLite in a temp folder, each commit
/// fsynced): the call from the gateway's grain factory, the voter activation, the rules, the
/// ledger unit and its group commit, the answer. <see cref="Batch"/> votes per operation, either
/// one after another (a commit each) or all at once (group commit). Voter keys are made before
/// each iteration.
/// </summary>
[IterationCount(15)] // one invocation per iteration (fresh keys): more iterations than the short job's 3
public class GrainCallBenchmarks
{
    public const int Batch = 64;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-bench-grains", Guid.NewGuid().ToString("N"));
    private readonly Task<CastResult>[] _calls = new Task<CastResult>[Batch];
    private IHost _host = null!;
    private IGrainFactory _grains = null!;
    private CastBallot _command = null!;
    private string[] _voters = [];
    private long _next;

    [GlobalSetup]
    public async Task Setup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = _folder });
        builder.AddVotingSilo(embedded: true);
        _host = builder.Build();
        await _host.StartAsync();
        _grains = _host.Services.GetRequiredService<IGrainFactory>();
        var edition = BenchmarkData.Edition("bench-" + Guid.NewGuid().ToString("N")[..8], TimeProvider.System.GetUtcNow());
        if (!await _grains.GetGrain<IEditionGrain>(edition.Id).CreateAsync(edition))
        {
            throw new InvalidOperationException("The benchmark edition exists already.");
        }
        _command = new CastBallot(edition.Id, BenchmarkData.Selections, BenchmarkData.BirthDate, "d1", null);
    }

    [IterationSetup]
    public void NewVoters() =>
        _voters = [.. Enumerable.Range(0, Batch).Select(_ => (_next++).ToString("x64", System.Globalization.CultureInfo.InvariantCulture))];

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task OneAtATime()
    {
        foreach (var voter in _voters)
        {
            Check(await _grains.GetGrain<IVoterGrain>(voter).CastBallotAsync(_command));
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task AllAtOnce()
    {
        for (var i = 0; i < Batch; i++)
        {
            _calls[i] = _grains.GetGrain<IVoterGrain>(_voters[i]).CastBallotAsync(_command);
        }
        foreach (var call in _calls)
        {
            Check(await call);
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static void Check(CastResult result)
    {
        if (result.Outcome != CastOutcome.Recorded)
        {
            throw new InvalidOperationException($"A new voter's ballot was not recorded: {result.Outcome} {result.Detail}");
        }
    }
}
