using Microsoft.Data.Sqlite;
using Voting.Storage;

namespace Voting.Cluster.Tests.Storage;

/// <summary>The settings of the SQLite ledger's write connection, read back from SQLite itself.</summary>
public sealed class SqliteWriteConnectionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-wconn-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_write_connection_fsyncs_every_commit_and_keeps_statement_journals_in_memory()
    {
        var dialect = new SqliteDialect(Path.Combine(_folder, "voting.db"));
        await using var connection = await dialect.OpenForWriteAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2L, await PragmaAsync(connection, "synchronous")); // FULL: the WAL is fsynced before a commit returns
        Assert.Equal(2L, await PragmaAsync(connection, "temp_store")); // MEMORY: no temporary file per multi-row statement
        Assert.Equal(SqliteDialect.FallbackCheckpointPages, await PragmaAsync(connection, "wal_autocheckpoint"));
    }

    private static async Task<long> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
