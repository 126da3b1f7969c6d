using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Voting.Storage;

/// <summary>
/// Copies the WAL back into the database file from a connection of its own, off the commit path.
/// SQLite's automatic checkpoint runs inside the commit that crosses the threshold: the group
/// commit loop (the only writer) then stalls while thousands of pages are copied and the
/// database file is fsynced, and every ballot queued behind it waits. A PASSIVE checkpoint here
/// copies the frames already committed while the writer goes on; the writer restarts the WAL
/// from its start once everything was copied. The writer's own automatic checkpoint stays as
/// a bound on the WAL's size (<see cref="SqliteDialect.FallbackCheckpointPages"/>) in case this
/// loop falls behind. Durability is untouched: each commit still fsyncs the WAL (synchronous=FULL).
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>How often the WAL is copied back (a quarter second of peak load writes ~18 MB of WAL, ~4,500 pages).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly SqliteDialect _dialect;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BackgroundLoop _loop;

    public SqliteCheckpointer(SqliteDialect dialect, ILogger logger)
    {
        _dialect = dialect;
        _logger = logger;
        _loop = new BackgroundLoop(RunAsync, ownThread: dialect.BlocksCallingThread);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await using var connection = await _dialect.OpenAsync(_stopping.Token);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    await command.ExecuteNonQueryAsync(_stopping.Token);
                }
                catch (SqliteException e)
                {
                    // Busy or failing: the writer's own automatic checkpoint still bounds the WAL.
                    StorageLog.CheckpointFailed(_logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop.DisposeAsync();
        _stopping.Dispose();
    }
}
