using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Voting.Storage;

namespace Voting.Cluster.Tests.Storage;

/// <summary>
/// The SQLite ledger copies its WAL back into the database file in the background, not inside a
/// commit: the writer's own checkpoint only starts at <see cref="SqliteDialect.FallbackCheckpointPages"/>.
/// </summary>
public sealed class SqliteCheckpointTests : IAsyncLifetime
{
    private static readonly RowTable Things = new("things", "scope", "thing_key");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-ckpt-" + Guid.NewGuid().ToString("N")[..8]);

    private string DatabasePath => Path.Combine(_folder, "voting.db");

    [Fact]
    public async Task Committed_rows_reach_the_database_file_within_a_second_though_the_wal_is_far_below_the_writers_threshold()
    {
        var storage = new SqlGrainStorage(new SqliteDialect(DatabasePath), [Things], new StorageOptions(), TimeProvider.System, NullLogger<SqlGrainStorage>.Instance);
        await storage.InitializeAsync(TestContext.Current.CancellationToken);
        var writes = Enumerable.Range(0, 200).Select(i => storage.WriteAsync(new WriteUnit([new InsertRow(Things.Name, "s", $"k{i}", new string('x', 2000))])));
        Assert.All(await Task.WhenAll(writes), result => Assert.Equal(WriteOutcome.Committed, result.Outcome));
        var walPages = new FileInfo(DatabasePath + "-wal").Length / 4096;
        Assert.InRange(walPages, 100, SqliteDialect.FallbackCheckpointPages / 10); // the writer's own checkpoint never ran

        var copied = await WaitForAsync(() => RowsInDatabaseFileOnly() == 200, TimeSpan.FromSeconds(5));

        Assert.True(copied, $"the database file alone holds {RowsInDatabaseFileOnly()} of 200 rows after 5 s");
        await storage.DisposeAsync();
        await storage.DisposeAsync(); // registered under two service types: disposed twice by the host
    }

    /// <summary>Rows readable from the database file without its WAL (a copy of the file alone).</summary>
    private int RowsInDatabaseFileOnly()
    {
        var copy = Path.Combine(_folder, "copy-" + Guid.NewGuid().ToString("N")[..6] + ".db");
        File.Copy(DatabasePath, copy);
        try
        {
            using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM things";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the table itself is not in the file yet
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return condition();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
