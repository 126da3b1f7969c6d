using BenchmarkDotNet.Attributes;
using Voting.Editions;
using Voting.Grains.Editions;
using Voting.Grains.Storage;
using Voting.Receipts;
using Voting.Storage;
using Voting.Voters;

namespace Voting.Benchmarks;

/// <summary>
/// One group commit of <see cref="Rows"/> ballot units (ballot insert guard, receipt upsert, the
/// tally and turnout counters, the ballot gate) on SQLite in a temp folder, WAL with
/// synchronous=FULL (the commit fsyncs). The units are built before each iteration, so the
/// figures are the writer's own per row.
/// </summary>
[IterationCount(15)] // one invocation per iteration (fresh keys): more iterations than the short job's 3
public class LedgerBatchBenchmarks
{
    public const int Rows = 128;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-bench-ledger", Guid.NewGuid().ToString("N"));
    private readonly DateTimeOffset _now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private SqlBatchWriter _writer = null!;
    private Edition _edition = null!;
    private WriteUnit[] _units = [];
    private long _next;

    [GlobalSetup]
    public async Task Setup()
    {
        var dialect = new SqliteDialect(Path.Combine(_folder, "voting.db"));
        await using (var connection = await dialect.OpenAsync(CancellationToken.None))
        {
            await dialect.InitializeSchemaAsync(connection, Tables.All, CancellationToken.None);
        }
        _writer = new SqlBatchWriter(dialect, Tables.All.ToDictionary(t => t.Name));
        _edition = BenchmarkData.Edition("bench", _now);
        await _writer.WriteAsync([new WriteUnit([new UpsertRow(Tables.BallotGates.Name, "bench", BallotChannel.Online, "{}")])], 0, CancellationToken.None);
    }

    [IterationSetup]
    public void BuildUnits()
    {
        _units = new WriteUnit[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var ballot = new StoredBallot(ReceiptIds.New(_now), BenchmarkData.Selections, _now, null, BallotChannel.Online, ReceiptStatus.Counted);
            var voter = (_next++).ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
            List<WriteOp> ops =
            [
                new InsertRow(Tables.Ballots.Name, _edition.Id, voter, RowJson.Write(ballot)),
                new UpsertRow(Tables.Receipts.Name, Tables.Global, ballot.ReceiptId, RowJson.Write(new StoredReceipt(_edition.Id, null, ballot.CastAt, ballot.Status))),
            ];
            ops.AddRange(Tally.Ops(_edition, ballot, +1));
            _units[i] = new WriteUnit(ops, Tables.BallotGate(_edition.Id, BallotChannel.Online));
        }
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task<WriteResult[]> WriteBatch() => _writer.WriteAsync(_units, 0, CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
