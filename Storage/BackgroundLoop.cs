using Nito.AsyncEx;

namespace Voting.Storage;

/// <summary>
/// A loop the storage runs for as long as it is open: on the thread pool, or, when the engine
/// holds the threads that call it (<see cref="SqlDialect.BlocksCallingThread"/>), on a thread of
/// its own whose single-threaded async context keeps every continuation of the loop there.
/// Measured on 2 cores: SQLite's writer and checkpointer on pool threads took 2 of the pool's
/// few threads in turn, and the requests behind them waited (BENCHMARKS.md, issue 13).
/// </summary>
internal sealed class BackgroundLoop : IAsyncDisposable
{
    private readonly AsyncContextThread? _thread;

    public BackgroundLoop(Func<Task> loop, bool ownThread)
    {
        if (ownThread)
        {
            _thread = new AsyncContextThread();
            Completion = _thread.Factory.Run(loop);
        }
        else
        {
            Completion = Task.Run(loop);
        }
    }

    /// <summary>Ends when the loop ends.</summary>
    public Task Completion { get; }

    /// <summary>Waits for the loop to end (stop it first), then for its thread to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Completion;
        }
        finally
        {
            if (_thread is not null)
            {
                await _thread.JoinAsync();
            }
        }
    }
}
