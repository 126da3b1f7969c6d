using Voting.Storage;

namespace Voting.Cluster.Tests.Storage;

/// <summary>
/// The behaviour every storage provider must show, run against each provider by a subclass.
/// Each test uses its own scope, so tests share one database without seeing each other.
/// </summary>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    protected static readonly RowTable Things = new("things", "scope", "thing_key");

    private readonly List<IAsyncDisposable> _storages = [];
    private readonly string _scope = "s" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A new storage of the provider under test on its test database, schema created.</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync(IEnumerable<RowTable> tables);

    /// <summary>Runs the provider's schema creation again on <paramref name="storage"/>.</summary>
    protected abstract Task InitializeAgainAsync(IGrainStorage storage, CancellationToken cancellationToken);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Insert_guard_refuses_a_second_row_and_returns_the_first()
    {
        var storage = await StorageAsync();

        var first = await storage.WriteAsync(Unit(new InsertRow(Things.Name, _scope, "k", "first")));
        var second = await storage.WriteAsync(Unit(new InsertRow(Things.Name, _scope, "k", "second")));

        Assert.Equal(WriteOutcome.Committed, first.Outcome);
        Assert.Equal(WriteOutcome.GuardFailed, second.Outcome);
        Assert.Equal(new StoredRow("first", 1), second.Current);
        Assert.Equal(new StoredRow("first", 1), await storage.ReadRowAsync(Things.Name, _scope, "k"));
    }

    [Fact]
    public async Task Replace_succeeds_only_with_the_current_version()
    {
        var storage = await StorageAsync();
        await storage.WriteAsync(Unit(new InsertRow(Things.Name, _scope, "k", "v1")));

        var replaced = await storage.WriteAsync(Unit(new ReplaceRow(Things.Name, _scope, "k", "v2", 1)));
        var stale = await storage.WriteAsync(Unit(new ReplaceRow(Things.Name, _scope, "k", "v3", 1)));

        Assert.Equal(WriteOutcome.Committed, replaced.Outcome);
        Assert.Equal(WriteOutcome.GuardFailed, stale.Outcome);
        Assert.Equal(new StoredRow("v2", 2), stale.Current);
        Assert.Equal(new StoredRow("v2", 2), await storage.ReadRowAsync(Things.Name, _scope, "k"));
    }

    [Fact]
    public async Task Upsert_writes_whatever_is_there_and_bumps_the_version()
    {
        var storage = await StorageAsync();

        await storage.WriteAsync(Unit(new UpsertRow(Things.Name, _scope, "k", "a")));
        await storage.WriteAsync(Unit(new UpsertRow(Things.Name, _scope, "k", "b")));

        Assert.Equal(new StoredRow("b", 2), await storage.ReadRowAsync(Things.Name, _scope, "k"));
        var rows = new List<KeyedRow>();
        await foreach (var row in storage.ReadScopeAsync(Things.Name, _scope))
        {
            rows.Add(row);
        }
        Assert.Equal([new KeyedRow("k", "b", 2)], rows);
    }

    [Fact]
    public async Task Counters_are_summed_across_concurrent_writes()
    {
        var storage = await StorageAsync();

        await Task.WhenAll(
            storage.WriteAsync(Unit(new AddToCounter(_scope, "votes", 2))),
            storage.WriteAsync(Unit(new AddToCounter(_scope, "votes", 3), new AddToCounter(_scope, "score", 7))),
            storage.WriteAsync(Unit(new AddToCounter(_scope, "votes", -1))));

        var sums = await storage.SumCountersAsync(_scope);
        Assert.Equal(4, sums["votes"]);
        Assert.Equal(7, sums["score"]);
    }

    [Fact]
    public async Task A_unit_whose_gate_row_is_missing_is_refused_and_writes_nothing()
    {
        var storage = await StorageAsync();
        var gate = new RowGate(Things.Name, _scope, "gate");

        var refused = await storage.WriteAsync(Gated(gate, new InsertRow(Things.Name, _scope, "before", "x"), new AddToCounter(_scope, "c", 1)));
        await storage.WriteAsync(Unit(new UpsertRow(Things.Name, _scope, "gate", "{}")));
        var accepted = await storage.WriteAsync(Gated(gate, new InsertRow(Things.Name, _scope, "after", "x"), new AddToCounter(_scope, "c", 1)));

        Assert.Equal(WriteOutcome.GateClosed, refused.Outcome);
        Assert.Equal(WriteOutcome.Committed, accepted.Outcome);
        Assert.Null(await storage.ReadRowAsync(Things.Name, _scope, "before"));
        Assert.Equal(1, (await storage.SumCountersAsync(_scope))["c"]);
    }

    [Fact]
    public async Task Units_racing_a_gate_delete_commit_before_it_or_not_at_all()
    {
        var storage = await StorageAsync();
        var gate = new RowGate(Things.Name, _scope, "gate");
        await storage.WriteAsync(Unit(new UpsertRow(Things.Name, _scope, "gate", "{}")));

        var before = Enumerable.Range(0, 400).Select(i => storage.WriteAsync(Gated(gate, new InsertRow(Things.Name, _scope, "k" + i, "x"), new AddToCounter(_scope, "c", 1)))).ToList();
        var delete = storage.WriteAsync(Unit(new DeleteRow(Things.Name, _scope, "gate")));
        var during = Enumerable.Range(400, 400).Select(i => storage.WriteAsync(Gated(gate, new InsertRow(Things.Name, _scope, "k" + i, "x"), new AddToCounter(_scope, "c", 1)))).ToList();
        await delete;
        var after = await storage.WriteAsync(Gated(gate, new InsertRow(Things.Name, _scope, "late", "x"), new AddToCounter(_scope, "c", 1)));
        var results = await Task.WhenAll(before.Concat(during));

        Assert.Equal(WriteOutcome.GateClosed, after.Outcome);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { WriteOutcome.Committed, WriteOutcome.GateClosed }));
        var committed = results.Count(r => r.Outcome == WriteOutcome.Committed);
        Assert.Equal(committed, (await storage.SumCountersAsync(_scope)).GetValueOrDefault("c"));
        var rows = 0;
        await foreach (var row in storage.ReadScopeAsync(Things.Name, _scope))
        {
            rows++;
        }
        Assert.Equal(committed, rows);
    }

    [Fact]
    public async Task Delete_removes_a_row_and_tolerates_a_missing_one()
    {
        var storage = await StorageAsync();
        await storage.WriteAsync(Unit(new UpsertRow(Things.Name, _scope, "k", "x")));

        var deleted = await storage.WriteAsync(Unit(new DeleteRow(Things.Name, _scope, "k")));
        var again = await storage.WriteAsync(Unit(new DeleteRow(Things.Name, _scope, "k")));

        Assert.Equal(WriteOutcome.Committed, deleted.Outcome);
        Assert.Equal(WriteOutcome.Committed, again.Outcome);
        Assert.Null(await storage.ReadRowAsync(Things.Name, _scope, "k"));
    }

    [Fact]
    public async Task Many_concurrent_units_are_group_committed_and_each_key_is_inserted_once()
    {
        var storage = await StorageAsync();

        var writes = Enumerable.Range(0, 600).Select(i => storage.WriteAsync(Unit(
            new InsertRow(Things.Name, _scope, "k" + (i % 150), "attempt" + i),
            new AddToCounter(_scope, "inserted", 1)))).ToArray();
        var results = await Task.WhenAll(writes);

        Assert.Equal(150, results.Count(r => r.Outcome == WriteOutcome.Committed));
        Assert.Equal(450, results.Count(r => r.Outcome == WriteOutcome.GuardFailed));
        Assert.Equal(150, (await storage.SumCountersAsync(_scope))["inserted"]);
    }

    [Fact]
    public async Task A_unit_whose_guard_fails_writes_nothing()
    {
        var storage = await StorageAsync();
        await storage.WriteAsync(Unit(new InsertRow(Things.Name, _scope, "k", "first")));

        var result = await storage.WriteAsync(Unit(
            new InsertRow(Things.Name, _scope, "k", "second"),
            new UpsertRow(Things.Name, _scope, "side-effect", "x"),
            new AddToCounter(_scope, "c", 1)));

        Assert.Equal(WriteOutcome.GuardFailed, result.Outcome);
        Assert.Null(await storage.ReadRowAsync(Things.Name, _scope, "side-effect"));
        Assert.False((await storage.SumCountersAsync(_scope)).ContainsKey("c"));
    }

    [Fact]
    public async Task Keys_and_data_with_quotes_escapes_control_characters_and_non_ascii_text_are_stored_exactly()
    {
        var storage = await StorageAsync();
        string[] texts =
        [
            """{"projectId":"c1","note":"say \"hi\"","path":"C:\\x"}""",
            "Zażółć gęślą jaźń – 🗳",
            "tab\tnew line\n bell\u0007 nul-free </script> & + ' \u2028",
        ];

        var inserted = await Task.WhenAll(texts.Select((text, i) => storage.WriteAsync(Unit(new InsertRow(Things.Name, _scope, text + i, text)))));
        var upserted = await Task.WhenAll(texts.Select((text, i) => storage.WriteAsync(Unit(new UpsertRow(Things.Name, _scope, "u" + i, text)))));

        Assert.All(inserted.Concat(upserted), result => Assert.Equal(WriteOutcome.Committed, result.Outcome));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(new StoredRow(texts[i], 1), await storage.ReadRowAsync(Things.Name, _scope, texts[i] + i));
            Assert.Equal(new StoredRow(texts[i], 1), await storage.ReadRowAsync(Things.Name, _scope, "u" + i));
        }
    }

    [Fact]
    public async Task Schema_creation_is_idempotent()
    {
        var storage = await StorageAsync();

        await InitializeAgainAsync(storage, TestContext.Current.CancellationToken);
        await InitializeAgainAsync(storage, TestContext.Current.CancellationToken);

        Assert.Equal(WriteOutcome.Committed, (await storage.WriteAsync(Unit(new InsertRow(Things.Name, _scope, "k", "v")))).Outcome);
    }

    private async Task<IGrainStorage> StorageAsync()
    {
        var storage = await CreateStorageAsync([Things]);
        _storages.Add((IAsyncDisposable)storage);
        return storage;
    }

    private static WriteUnit Unit(params WriteOp[] ops) => new(ops);

    private static WriteUnit Gated(RowGate gate, params WriteOp[] ops) => new(ops, gate);
}
