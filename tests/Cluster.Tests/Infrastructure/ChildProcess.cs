using System.Diagnostics;

namespace Voting.Cluster.Tests.Infrastructure;

/// <summary>A process of the cluster under test (silo or gateway), output appended to a log file.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, string logFile)
    {
        _process = process;
        LogFile = logFile;
    }

    public int Id => _process.Id;

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Runs <c>dotnet {dll} {args}</c>; <c>exec</c> keeps the pid the dotnet process's own, so signals reach it.</summary>
    public static ChildProcess StartDotnet(string dll, IEnumerable<string> args, string logFile)
    {
        var command = "exec dotnet " + Quote(dll) + " " + string.Join(' ', args.Select(Quote)) + " >> " + Quote(logFile) + " 2>&1";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        return new ChildProcess(Process.Start(start)!, logFile);
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {_process.Id}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public string Log() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal("CONT");
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
