using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Voting.Cluster.Tests.Infrastructure;
using Voting.Storage;
using Voting.Storage.Azure;

namespace Voting.Cluster.Tests.Storage;

/// <summary>What the Azure Table ledger does beyond the shared conformance suite: rows outside the unit's partition, large rows, counter compaction, transaction limits.</summary>
public sealed class AzureLedgerTests(AzuriteServer azurite) : IAsyncDisposable
{
    private static readonly RowTable Things = new("things", "scope", "thing_key");
    private static readonly RowTable Notes = new("notes", "scope", "note_id");

    private readonly string _table = AzuriteServer.NewTableName("ledger");
    private readonly string _scope = "s" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<AzureTableGrainStorage> _storages = [];

    [Fact]
    public async Task A_row_outside_the_units_partition_commits_with_the_unit_and_is_read_through_its_locator()
    {
        var storage = await StorageAsync();
        var note = "n" + Guid.NewGuid().ToString("N");

        var first = await storage.WriteAsync(new WriteUnit([new InsertRow(Things.Name, _scope, "k", "first"), new UpsertRow(Notes.Name, "", note, "for k")]));
        var refused = await storage.WriteAsync(new WriteUnit([new InsertRow(Things.Name, _scope, "k", "second"), new UpsertRow(Notes.Name, "", note + "x", "never")]));

        Assert.Equal(WriteOutcome.Committed, first.Outcome);
        Assert.Equal(WriteOutcome.GuardFailed, refused.Outcome);
        Assert.Equal(new StoredRow("for k", 1), await storage.ReadRowAsync(Notes.Name, "", note));
        // The refused unit wrote its locator before it was refused, and removed it once refused.
        Assert.Null(await storage.ReadRowAsync(Notes.Name, "", note + "x"));
        Assert.False(await HasEntityAsync("", Notes, note + "x"));

        // A refused unit that writes a row which is already there leaves that row's locator alone.
        var stale = await storage.WriteAsync(new WriteUnit([new ReplaceRow(Things.Name, _scope, "k", "stale", 7), new UpsertRow(Notes.Name, "", note, "never")]));
        Assert.Equal(WriteOutcome.GuardFailed, stale.Outcome);
        Assert.True(await HasEntityAsync("", Notes, note));
        Assert.Equal(new StoredRow("for k", 1), await storage.ReadRowAsync(Notes.Name, "", note));

        // A later unit of the same home rewrites the row in place (version 2).
        await storage.WriteAsync(new WriteUnit([new ReplaceRow(Things.Name, _scope, "k", "first again", 1), new UpsertRow(Notes.Name, "", note, "replaced")]));
        Assert.Equal(new StoredRow("replaced", 2), await storage.ReadRowAsync(Notes.Name, "", note));
    }

    [Fact]
    public async Task A_row_written_with_another_partitions_unit_is_replaced_and_deleted_by_units_of_its_own_scope()
    {
        // The e-mail outbox: a mail row is queued in the unit of its voter's code, and later claimed
        // and deleted by the sender, whose units name only the mail's own scope.
        var storage = await StorageAsync();
        var queue = "q" + Guid.NewGuid().ToString("N")[..12];
        var mail = "m" + Guid.NewGuid().ToString("N");
        await storage.WriteAsync(new WriteUnit([new InsertRow(Things.Name, "", "voter-" + mail, "code"), new UpsertRow(Notes.Name, queue, mail, "queued")]));

        var listed = await ListAsync(storage, Notes, queue);
        var claimed = await storage.WriteAsync(new WriteUnit([new ReplaceRow(Notes.Name, queue, mail, "claimed", 1)]));
        var late = await storage.WriteAsync(new WriteUnit([new ReplaceRow(Notes.Name, queue, mail, "claimed too", 1)]));
        var afterClaim = await storage.ReadRowAsync(Notes.Name, queue, mail);
        // Late claims of another sender race the delete; none may keep the locator alive.
        var racing = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => storage.WriteAsync(new WriteUnit([new ReplaceRow(Notes.Name, queue, mail, "late", 1)])))
            .Prepend(storage.WriteAsync(new WriteUnit([new DeleteRow(Notes.Name, queue, mail)]))));
        var deleted = racing[0];

        Assert.Equal([new KeyedRow(mail, "queued", 1)], listed);
        Assert.Equal(WriteOutcome.Committed, claimed.Outcome);
        Assert.Equal(new WriteResult(WriteOutcome.GuardFailed, new StoredRow("claimed", 2)), late);
        Assert.Equal(new StoredRow("claimed", 2), afterClaim);
        Assert.Equal(WriteOutcome.Committed, deleted.Outcome);
        Assert.All(racing.Skip(1), r => Assert.Equal(WriteOutcome.GuardFailed, r.Outcome));
        Assert.Null(await storage.ReadRowAsync(Notes.Name, queue, mail));
        Assert.Empty(await ListAsync(storage, Notes, queue));
        Assert.False(await HasEntityAsync(queue, Notes, mail)); // its locator went with it
        Assert.Equal(new StoredRow("code", 1), await storage.ReadRowAsync(Things.Name, "", "voter-" + mail));
    }

    private static async Task<List<KeyedRow>> ListAsync(IGrainStorage storage, RowTable table, string scope)
    {
        var rows = new List<KeyedRow>();
        await foreach (var row in storage.ReadScopeAsync(table.Name, scope))
        {
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task Units_racing_on_one_guard_leave_the_winners_locator_and_no_other()
    {
        var storage = await StorageAsync();
        var notes = Enumerable.Range(0, 40).Select(_ => "n" + Guid.NewGuid().ToString("N")).ToArray();

        var results = await Task.WhenAll(notes.Select(note =>
            storage.WriteAsync(new WriteUnit([new InsertRow(Things.Name, _scope, "race", note), new UpsertRow(Notes.Name, "", note, "for " + note)]))));

        var winner = Assert.Single(results.Zip(notes), r => r.First.Outcome == WriteOutcome.Committed).Second;
        Assert.All(results.Where(r => r.Outcome != WriteOutcome.Committed), r => Assert.Equal(WriteOutcome.GuardFailed, r.Outcome));
        Assert.Equal(new StoredRow(winner, 1), await storage.ReadRowAsync(Things.Name, _scope, "race"));
        Assert.Equal(new StoredRow("for " + winner, 1), await storage.ReadRowAsync(Notes.Name, "", winner));
        foreach (var note in notes)
        {
            Assert.Equal(note == winner, await HasEntityAsync("", Notes, note));
        }
    }

    private async Task<bool> HasEntityAsync(string scope, RowTable table, string key) =>
        (await new TableClient(azurite.ConnectionString, _table).GetEntityIfExistsAsync<TableEntity>(AzureKeys.PartitionOf(scope, key), AzureKeys.RowKey(table.Name, scope, key))).HasValue;

    [Fact]
    public async Task Two_writers_on_one_table_insert_each_key_once_and_count_each_commit_once()
    {
        var one = await StorageAsync();
        var two = await StorageAsync();
        var gate = new RowGate(Things.Name, _scope, "gate");
        await one.WriteAsync(new WriteUnit([new UpsertRow(Things.Name, _scope, "gate", "{}")]));

        // As two silos with duplicate activations would: both send a unit for every key, with a receipt row elsewhere.
        var writes = Enumerable.Range(0, 400).Select(i => (i % 2 == 0 ? one : two).WriteAsync(new WriteUnit(
            [new InsertRow(Things.Name, _scope, "k" + (i / 2), "attempt" + i), new UpsertRow(Notes.Name, "", $"{_scope}-r{i}", "receipt"), new AddToCounter(_scope, "n", 1)],
            gate))).ToArray();
        var results = await Task.WhenAll(writes);

        Assert.Equal(200, results.Count(r => r.Outcome == WriteOutcome.Committed));
        Assert.Equal(200, results.Count(r => r.Outcome == WriteOutcome.GuardFailed));
        Assert.Equal(200, (await two.SumCountersAsync(_scope))["n"]);
        var receipts = 0;
        for (var i = 0; i < 400; i++)
        {
            var stored = await one.ReadRowAsync(Things.Name, _scope, "k" + (i / 2));
            var receipt = await two.ReadRowAsync(Notes.Name, "", $"{_scope}-r{i}");
            // A receipt exists exactly when its unit's insert is the stored row.
            Assert.Equal(stored!.Data == "attempt" + i, receipt is not null);
            receipts += receipt is null ? 0 : 1;
        }
        Assert.Equal(200, receipts);
    }

    [Fact]
    public async Task A_row_larger_than_one_property_round_trips()
    {
        var storage = await StorageAsync();
        var data = string.Concat(Enumerable.Range(0, 20_000).Select(i => i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)));

        await storage.WriteAsync(new WriteUnit([new InsertRow(Things.Name, _scope, "big", data)]));

        Assert.Equal(100_000, (await storage.ReadRowAsync(Things.Name, _scope, "big"))!.Data.Length);
        Assert.Equal(data, (await storage.ReadRowAsync(Things.Name, _scope, "big"))!.Data);
    }

    [Fact]
    public async Task Counters_stay_exact_while_their_delta_rows_are_compacted_under_concurrent_writes()
    {
        var storage = await StorageAsync();
        var writes = new List<Task<WriteResult>>();
        for (var i = 0; i < 300; i++)
        {
            writes.Add(storage.WriteAsync(new WriteUnit([new InsertRow(Things.Name, _scope, "k" + i, "x"), new AddToCounter(_scope, "n", 1), new AddToCounter(_scope, "score", i)])));
            if (i % 50 == 0)
            {
                writes.Add(CompactThenCommitted(storage));
            }
        }
        await Task.WhenAll(writes);
        var before = await storage.SumCountersAsync(_scope);
        await storage.CompactCountersAsync(_scope, TestContext.Current.CancellationToken);
        var after = await storage.SumCountersAsync(_scope);

        Assert.Equal(300, before["n"]);
        Assert.Equal(Enumerable.Range(0, 300).Sum(), before["score"]);
        Assert.Equal(before, after);
        var raw = new TableClient(azurite.ConnectionString, _table);
        var counterRows = 0;
        await foreach (var _ in raw.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AzureKeys.CounterPartition(_scope)} and RowKey ge {AzureKeys.ScopePrefix(AzureKeys.CounterTable, _scope)} and RowKey lt {AzureKeys.ScopeEnd(AzureKeys.CounterTable, _scope)}")))
        {
            counterRows++;
        }
        Assert.Equal(1, counterRows);
    }

    [Fact]
    public async Task A_guarded_unit_larger_than_one_transaction_is_refused_and_a_plain_upsert_unit_is_split()
    {
        var storage = await StorageAsync();
        var tooBig = new WriteUnit([new InsertRow(Things.Name, _scope, "guard", "x"), .. Enumerable.Range(0, 100).Select(i => new UpsertRow(Things.Name, _scope, "u" + i, "x"))]);
        var plain = new WriteUnit(Enumerable.Range(0, 250).Select(i => (WriteOp)new UpsertRow(Things.Name, _scope, "r" + i, "x")).ToList());

        await Assert.ThrowsAsync<NotSupportedException>(() => storage.WriteAsync(tooBig));
        var written = await storage.WriteAsync(plain);

        Assert.Null(await storage.ReadRowAsync(Things.Name, _scope, "guard"));
        Assert.Equal(WriteOutcome.Committed, written.Outcome);
        var rows = 0;
        await foreach (var _ in storage.ReadScopeAsync(Things.Name, _scope))
        {
            rows++;
        }
        Assert.Equal(250, rows);
    }

    [Fact]
    public async Task Keys_with_characters_Azure_refuses_in_keys_are_stored_and_listed_in_their_scope()
    {
        var storage = await StorageAsync();
        string[] keys = ["a/b", "c#d", "e?f", "g\\h", "i|j", "k%l", "m}n"];
        foreach (var key in keys)
        {
            Assert.Equal(WriteOutcome.Committed, (await storage.WriteAsync(new WriteUnit([new InsertRow(Things.Name, _scope + "/sub", key, key)]))).Outcome);
        }
        var listed = new List<string>();
        await foreach (var row in storage.ReadScopeAsync(Things.Name, _scope + "/sub"))
        {
            Assert.Equal(row.Key, row.Data);
            listed.Add(row.Key);
        }
        Assert.Equal(keys.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task A_write_while_the_table_service_is_down_is_unavailable_and_a_read_too()
    {
        var down = new AzuriteServer();
        await down.InitializeAsync();
        var options = new StorageOptions { Provider = "azure", ConnectionString = down.ConnectionString, TableName = _table };
        await using var storage = new AzureTableGrainStorage(AzureTableClients.Create(options), [Things], options, NullLogger<AzureTableGrainStorage>.Instance);
        await storage.InitializeAsync(TestContext.Current.CancellationToken);
        await down.DisposeAsync();

        // Connection refused: the transaction never reached the service, so "nothing recorded" is certain.
        await Assert.ThrowsAsync<Voting.Failures.UnavailableException>(() => storage.WriteAsync(new WriteUnit([new InsertRow(Things.Name, _scope, "k", "x")])));
        await Assert.ThrowsAsync<Voting.Failures.UnavailableException>(() => storage.ReadRowAsync(Things.Name, _scope, "k"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>A compaction racing the writes queued before and after it.</summary>
    private async Task<WriteResult> CompactThenCommitted(AzureTableGrainStorage storage)
    {
        await Task.Delay(5);
        await storage.CompactCountersAsync(_scope, TestContext.Current.CancellationToken);
        return WriteResult.Committed;
    }

    private async Task<AzureTableGrainStorage> StorageAsync()
    {
        var options = new StorageOptions { Provider = "azure", ConnectionString = azurite.ConnectionString, TableName = _table };
        var storage = new AzureTableGrainStorage(AzureTableClients.Create(options), [Things, Notes], options, NullLogger<AzureTableGrainStorage>.Instance);
        await storage.InitializeAsync(TestContext.Current.CancellationToken);
        _storages.Add(storage);
        return storage;
    }
}
