using Microsoft.Data.Sqlite;
using Monitor.Replay.Websites;
using Monitor.Tests.Support;

namespace Monitor.Tests.Worker;

/// <summary>The scheduled daemon (<c>run</c>) as a child process against one replay site on loopback.</summary>
public sealed class DaemonTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Run_ScheduledEverySecond_CollectsThenStopsGracefullyOnSigterm()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGTERM is a Unix signal.
        }

        await using var sites = await ReplayWebsites.StartAsync();
        var site = sites.Sites["thainguyentv.vn"];
        temp.Write("p/monitor.yaml", "politeness: { minDelay: 10ms }\n");
        temp.Write("p/stations/thai-nguyen.yaml", $"""
            id: thai-nguyen
            name: Báo và Phát thanh, Truyền hình Thái Nguyên
            province: Thái Nguyên
            channels:
              - id: thai-nguyen-web
                kind: website
                schedule: "* * * * * ?"
                baseUrl: {site}
            """);
        var db = temp.File("daemon.db");

        using var worker = WorkerProcess.Start(temp.Path, "run", "--pipelines", temp.File("p"), "--db", db);
        await WaitForItemsAsync(db, worker, atLeast: 5);
        worker.Terminate();
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromMinutes(1));

        exitCode.ShouldBe(0, worker.Output);
        worker.Output.ShouldContain("Scheduler started");
        worker.Output.ShouldContain("Scheduler stopped");
        worker.Output.ShouldNotContain("Unhandled exception");
        (await CountAsync(db, "SELECT COUNT(*) FROM items")).ShouldBeGreaterThanOrEqualTo(5);
        (await CountAsync(db, "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'thai-nguyen-web'")).ShouldBe(1, "the schedule is kept in the store file");
    }

    private static async Task WaitForItemsAsync(string db, WorkerProcess worker, int atLeast)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (120 * TimeProvider.System.TimestampFrequency);
        while (!File.Exists(db) || await CountAsync(db, "SELECT COUNT(*) FROM items") < atLeast)
        {
            if (worker.HasExited || TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"no {atLeast} items from the daemon:{Environment.NewLine}{worker.Output}");
            }

            // Polling a file another process writes: there is no event to wait on.
            await Task.Delay(50);
        }
    }

    private static async Task<long> CountAsync(string db, string sql)
    {
        try
        {
            await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
