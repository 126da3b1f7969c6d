using System.Diagnostics;

namespace Voting.Cluster.Tests.Infrastructure;

/// <summary>What the failover tests (PostgreSQL and Azure) measure and how they report it.</summary>
public static class FailoverMeasures
{
    /// <summary>
    /// How long after <paramref name="since"/> the last ballot sent from then on (until <paramref name="until"/>) was answered
    /// with anything but a prompt 201: zero when nobody noticed.
    /// </summary>
    public static TimeSpan DisruptionAfter(BallotStream stream, TimeSpan since, TimeSpan? until = null) => stream.Results
        .Where(s => s.SentAt >= since && s.SentAt < (until ?? TimeSpan.MaxValue) && (s.Status != 201 || s.AnsweredAt - s.SentAt > TimeSpan.FromSeconds(1)))
        .Select(s => s.AnsweredAt - since).DefaultIfEmpty(TimeSpan.Zero).Max();

    public static Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout) => WaitForAsync(() => Task.FromResult(condition()), timeout);

    public static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }

    /// <summary>A line for the test output and for /tmp/voting-cluster-report.txt (the figures BENCHMARKS.md quotes).</summary>
    public static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "voting-cluster-report.txt"), line + Environment.NewLine);
    }
}
