using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Voting.Cluster.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL: initdb in a temp folder, started with pg_ctl on a free loopback port,
/// removed at the end. As root it runs as the <c>postgres</c> user (initdb refuses root).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string BinFolder = "/usr/lib/postgresql/15/bin";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-pg-" + Guid.NewGuid().ToString("N")[..8]);

    public int Port { get; private set; }

    private string DataFolder => Path.Combine(_folder, "data");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true }.ToString();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _folder]);
        }
        await PgAsync("initdb", ["-D", DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        Port = FreePort();
        await StartAsync();
    }

    public Task StartAsync() => PgAsync("pg_ctl",
        ["-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "30",
         "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=300", "start"]);

    /// <summary>Fast shutdown: open sessions are cut, in-flight transactions roll back.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"]);

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..10];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_folder, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task PgAsync(string tool, string[] args) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinFolder, tool), .. args])
        : RunAsync(Path.Combine(BinFolder, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
