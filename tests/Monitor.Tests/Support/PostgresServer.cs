using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Monitor.Tests.Support;

/// <summary>
/// A real PostgreSQL 15 (Debian's package, installed by <c>.ci/run</c>) in a temporary data folder on
/// a random loopback port, started once for the test run by <see cref="PostgresFixture"/>. As root
/// (CI), the server runs as the unprivileged <c>postgres</c> OS user, which owns the folder.
/// Each test class takes a database of its own (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";

    private readonly string folder;
    private readonly bool asRoot;
    private Process? server;
    private readonly StringBuilder log = new();

    private PostgresServer(string folder, int port, bool asRoot)
    {
        this.folder = folder;
        Port = port;
        this.asRoot = asRoot;
    }

    public int Port { get; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<PostgresServer> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")) || !File.Exists(Path.Combine(BinFolder, "postgres")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({BinFolder}/initdb and postgres are missing). `.ci/run` installs it (apt-get install -y postgresql); run the tests through it, or install the package.");
        }

        var asRoot = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "monitor-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder]);
        }

        await RunAsync(Command(asRoot, "initdb"), [.. Prefix(asRoot, "initdb"), "-D", Path.Combine(folder, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
        var instance = new PostgresServer(folder, FreePort(), asRoot);
        await instance.StartServerAsync();
        return instance;
    }

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, Timeout = 5 }.ToString();

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Fast shutdown (clients are disconnected), as a restart of the database machine would. The
    /// signal goes to the postmaster itself, named in <c>postmaster.pid</c>: as root the child
    /// process is <c>runuser</c>, which does not pass SIGINT on, and the server would run on.
    /// </summary>
    public async Task StopAsync()
    {
        if (server is not { HasExited: false } running)
        {
            return;
        }

        var postmaster = PostmasterId() ?? running.Id;
        using (var stop = Process.Start("kill", ["-INT", postmaster.ToString(CultureInfo.InvariantCulture)]))
        {
            await stop.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await running.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            running.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"PostgreSQL (pid {postmaster}) did not stop within 60 s of SIGINT; killed. Log:{Environment.NewLine}{Log}");
        }
    }

    /// <summary>The first line of <c>postmaster.pid</c> while the server runs.</summary>
    private int? PostmasterId()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        server?.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    private async Task StartServerAsync()
    {
        var data = Path.Combine(folder, "data");
        var info = new ProcessStartInfo(Command(asRoot, "postgres"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in Prefix(asRoot, "postgres").Concat(
            ["-D", data, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", folder, "-c", "listen_addresses=127.0.0.1",
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"]))
        {
            info.ArgumentList.Add(arg);
        }

        server?.Dispose();
        server = new Process { StartInfo = info };
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString());
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !server.HasExited)
            {
                await Task.Delay(100);
            }
            catch (Exception exception) when (server.HasExited || exception is NpgsqlException)
            {
                throw new InvalidOperationException("PostgreSQL did not start: " + Log, exception);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static string Command(bool asRoot, string tool) => asRoot ? "runuser" : Path.Combine(BinFolder, tool);

    private static string[] Prefix(bool asRoot, string tool) => asRoot ? ["-u", "postgres", "--", Path.Combine(BinFolder, tool)] : [];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}

/// <summary>One PostgreSQL server for every test class in <see cref="PostgresTests"/>, stopped when the run ends.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? server;

    public PostgresServer Server => server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
