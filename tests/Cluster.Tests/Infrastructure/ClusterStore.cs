using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Voting.Grains.Identity;
using Voting.Grains.Storage;
using Voting.Storage;
using Voting.Storage.Azure;

namespace Voting.Cluster.Tests.Infrastructure;

/// <summary>Where a <see cref="LocalCluster"/> keeps its ledger and membership, and how a test reads them directly.</summary>
public abstract class ClusterStore : IAsyncDisposable
{
    /// <summary>The connection string the processes get (<c>Storage:ConnectionString</c>).</summary>
    public abstract string ConnectionString { get; }

    /// <summary>The <c>Storage:*</c> arguments of silos and gateway.</summary>
    public abstract IEnumerable<string> StorageArguments { get; }

    /// <summary>Silos of the cluster the membership table lists as active; 0 before the table exists.</summary>
    public abstract Task<int> ActiveSilosAsync(string clusterId);

    /// <summary>The stored ballots of an edition: their receipt ids.</summary>
    public abstract Task<List<string>> StoredReceiptIdsAsync(string editionId);

    /// <summary>The summed tally counter of ballots and the number of receipts of an edition.</summary>
    public abstract Task<(long CountedBallots, long Receipts)> TallyAsync(string editionId);

    /// <summary>Rows of the e-mail outbox (on Azure: every entity of it, locators included).</summary>
    public abstract Task<long> OutboxEntitiesAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A fresh database of a <see cref="PostgresServer"/>.</summary>
public sealed class PostgresClusterStore(string connectionString) : ClusterStore
{
    public override string ConnectionString => connectionString;

    public override IEnumerable<string> StorageArguments => ["--Storage:Provider=postgres", $"--Storage:ConnectionString={connectionString}"];

    public override async Task<int> ActiveSilosAsync(string clusterId)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == "42P01")
        {
            return 0; // tables not created yet
        }
    }

    public override async Task<List<string>> StoredReceiptIdsAsync(string editionId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT data::json->>'receiptId' FROM ballots WHERE edition_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = editionId });
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }
        return list;
    }

    public override async Task<long> OutboxEntitiesAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM mail_outbox", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override async Task<(long CountedBallots, long Receipts)> TallyAsync(string editionId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT coalesce(sum(value), 0) FROM counters WHERE scope = $1 AND name = 'ballots')::bigint, " +
            "(SELECT count(*) FROM receipts WHERE data::json->>'editionId' = $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = "edition:" + editionId });
        command.Parameters.Add(new NpgsqlParameter { Value = editionId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}

/// <summary>A fresh ledger table on an <see cref="AzuriteServer"/>; membership in Orleans' own table there.</summary>
public sealed class AzureClusterStore : ClusterStore
{
    private readonly string _connectionString;
    private readonly string _table = AzuriteServer.NewTableName("cluster");
    private readonly AzureTableGrainStorage _ledger;
    private readonly TableClient _ledgerTable;
    private readonly TableClient _members;

    public AzureClusterStore(AzuriteServer azurite)
    {
        _connectionString = azurite.ConnectionString;
        var options = new StorageOptions { Provider = "azure", ConnectionString = _connectionString, TableName = _table };
        _ledger = new AzureTableGrainStorage(AzureTableClients.Create(options), Tables.All, options, NullLogger<AzureTableGrainStorage>.Instance);
        _ledgerTable = new TableClient(_connectionString, _table);
        _members = new TableClient(_connectionString, "OrleansSiloInstances"); // ClusterMembership.AzureTableName
    }

    public override string ConnectionString => _connectionString;

    public override IEnumerable<string> StorageArguments => ["--Storage:Provider=azure", $"--Storage:ConnectionString={_connectionString}", $"--Storage:TableName={_table}"];

    public override async Task<int> ActiveSilosAsync(string clusterId)
    {
        try
        {
            var active = 0;
            await foreach (var row in _members.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {clusterId} and Status eq {"Active"}")))
            {
                active++;
            }
            return active;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0; // table not created yet
        }
    }

    public override async Task<List<string>> StoredReceiptIdsAsync(string editionId)
    {
        var list = new List<string>();
        await foreach (var row in _ledger.ReadScopeAsync(Tables.Ballots.Name, editionId))
        {
            using var json = JsonDocument.Parse(row.Data);
            list.Add(json.RootElement.GetProperty("receiptId").GetString()!);
        }
        return list;
    }

    public override async Task<long> OutboxEntitiesAsync()
    {
        // Outbox rows live in the partition of the unit that queued them, their locators in the outbox's: the whole table is searched.
        var prefix = AzureKeys.ScopePrefix(IdentityRows.Outbox.Name, IdentityRows.PendingMail);
        var count = 0L;
        await foreach (var _ in _ledgerTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {AzureKeys.ScopeEnd(IdentityRows.Outbox.Name, IdentityRows.PendingMail)}")))
        {
            count++;
        }
        return count;
    }

    public override async Task<(long CountedBallots, long Receipts)> TallyAsync(string editionId)
    {
        var sums = await _ledger.SumCountersAsync(Tables.EditionCounters(editionId));
        // An edition's receipts are written in its partition (a locator in each receipt's own one points there).
        var receipts = 0L;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {AzureKeys.PartitionOf(editionId, "")} and RowKey ge {AzureKeys.ScopePrefix(Tables.Receipts.Name, Tables.Global)} and RowKey lt {AzureKeys.ScopeEnd(Tables.Receipts.Name, Tables.Global)}");
        await foreach (var row in _ledgerTable.QueryAsync<TableEntity>(filter))
        {
            using var json = JsonDocument.Parse(AzureRows.ReadChunks(row));
            receipts += json.RootElement.TryGetProperty("editionId", out var id) && id.GetString() == editionId ? 1 : 0;
        }
        return (sums.GetValueOrDefault("ballots"), receipts);
    }

    public override async ValueTask DisposeAsync()
    {
        await _ledger.DisposeAsync();
        await base.DisposeAsync();
    }
}
