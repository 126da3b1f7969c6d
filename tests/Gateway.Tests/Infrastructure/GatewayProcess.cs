using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Voting.Gateway.Tests.Infrastructure;

/// <summary>The embedded gateway as a real process (dotnet Voting.Gateway.dll) on a free loopback port.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process wrote to stdout and stderr so far, a line each.</summary>
    public IReadOnlyCollection<string> Output => _output;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    public static Task<GatewayProcess> StartAsync(string dataFolder, string adminToken, params string[] extraArguments) =>
        StartInAsync(AppContext.BaseDirectory, dataFolder, adminToken, ["--Logging:LogLevel:Default", "Warning", .. extraArguments]);

    /// <summary>Started from <paramref name="workingDirectory"/> with no arguments but those given (the logging defaults apply).</summary>
    public static async Task<GatewayProcess> StartInAsync(string workingDirectory, string dataFolder, string adminToken, params string[] extraArguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Voting.Gateway.dll"), "--urls", $"http://127.0.0.1:{port}", "--Storage:Path", dataFolder, "--Admin:Token", adminToken, .. extraArguments])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => gateway.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => gateway.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitReadyAsync();
        return gateway;
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 10_000)
        {
            _output.Enqueue(line);
        }
    }

    public HttpClient CreateClient(string? adminToken = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (adminToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        }
        return client;
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {_process.ExitCode}.");
            }
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The gateway did not become ready within 60 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
