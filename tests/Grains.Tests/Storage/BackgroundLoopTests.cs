using Voting.Storage;
using Xunit;

namespace Voting.Grains.Tests.Storage;

/// <summary>SQLite's calls hold their thread: its storage loops must not run on the thread pool's few threads.</summary>
public sealed class BackgroundLoopTests
{
    [Fact]
    public async Task A_loop_of_its_own_thread_keeps_every_step_there_across_awaits()
    {
        var steps = await StepsAsync(ownThread: true);
        Assert.Equal(6, steps.Count);
        Assert.All(steps, step => Assert.False(step.OnPool));
        Assert.Single(steps.Select(step => step.ThreadId).Distinct());
    }

    [Fact]
    public async Task A_loop_without_a_thread_of_its_own_runs_on_the_pool()
    {
        var steps = await StepsAsync(ownThread: false);
        Assert.All(steps, step => Assert.True(step.OnPool));
    }

    [Fact]
    public void Sqlite_says_its_calls_block_the_calling_thread()
    {
        var path = Path.Combine(Path.GetTempPath(), "voting-loop-" + Guid.NewGuid().ToString("N"), "voting.db");
        Assert.True(new SqliteDialect(path).BlocksCallingThread);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    private static async Task<List<(bool OnPool, int ThreadId)>> StepsAsync(bool ownThread)
    {
        var steps = new List<(bool, int)>();
        await using (var loop = new BackgroundLoop(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                steps.Add((Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId));
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
            steps.Add((Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId));
        }, ownThread))
        {
            await loop.Completion;
        }
        return steps;
    }
}
