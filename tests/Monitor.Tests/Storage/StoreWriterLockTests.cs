using System.Globalization;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>
/// Issue 11, case 7: two processes writing one store both ran and wrote duplicate observations. The
/// second writer is now refused with the first one named, and a killed holder frees the store.
/// </summary>
public sealed class StoreWriterLockTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private void WritePipelines(string cron) => temp.Write("p/stations/thai-nguyen.yaml", $"""
        id: thai-nguyen
        name: Báo và Phát thanh, Truyền hình Thái Nguyên
        province: Thái Nguyên
        channels:
          - id: thai-nguyen-web
            kind: website
            schedule: "{cron}"
            baseUrl: http://127.0.0.1:9/
        """);

    [Fact]
    public async Task Run_WhileAnotherProcessWritesTheStore_RefusedWithExit3NamingTheHolder()
    {
        WritePipelines("0 0/30 * * * ?");
        var db = temp.File("monitor.db");
        using var holder = StoreWriterLock.Acquire(db, "demo");

        using var second = WorkerProcess.Start(temp.Path, "run", "--once", "--pipelines", temp.File("p"), "--db", db);
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromMinutes(1));

        exitCode.ShouldBe(3, second.Output);
        second.Output.ShouldContain($"Another monitor process (pid {Environment.ProcessId}, `demo`");
        second.Output.ShouldContain(Path.GetFullPath(db));
        second.Output.ShouldNotContain("   at ");
        File.Exists(db).ShouldBeFalse("the refused process must not have touched the store");
    }

    [Fact]
    public async Task Acquire_WhileAChildRunsThenAfterItIsKilled_RefusedThenTaken()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGKILL is a Unix signal.
        }

        WritePipelines("0 0 0 1 1 ? 2099");
        var db = temp.File("monitor.db");
        using var daemon = WorkerProcess.Start(temp.Path, "run", "--pipelines", temp.File("p"), "--db", db);
        await WaitForHolderAsync(db + ".lock", daemon);

        var refused = Should.Throw<StoreUnavailableException>(() => StoreWriterLock.Acquire(db, "test"));
        refused.Message.ShouldContain($"pid {daemon.ProcessId.ToString(CultureInfo.InvariantCulture)}, `run`");
        daemon.Kill();

        using var taken = StoreWriterLock.Acquire(db, "test");
        File.ReadAllText(db + ".lock").ShouldStartWith($"{Environment.ProcessId} test ");
    }

    [Fact]
    public void Acquire_SameProcessAfterDispose_TakesItAgain()
    {
        var db = temp.File("monitor.db");
        StoreWriterLock.Acquire(db, "run").Dispose();

        using var again = StoreWriterLock.Acquire(db, "run");

        File.ReadAllText(db + ".lock").ShouldContain(" run ");
    }

    private static async Task WaitForHolderAsync(string lockFile, WorkerProcess worker)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (60 * TimeProvider.System.TimestampFrequency);
        var expected = worker.ProcessId.ToString(CultureInfo.InvariantCulture) + " run ";
        while (!ReadShared(lockFile).StartsWith(expected, StringComparison.Ordinal))
        {
            if (worker.HasExited || TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"the daemon never took the store lock:{Environment.NewLine}{worker.Output}");
            }

            // Polling a file another process writes: there is no event to wait on.
            await Task.Delay(50);
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
