using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Monitor.Pipeline;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>
/// Issue 11, case 11: commands that only read open the store read-only. On a read-only mount `stats`
/// exited 3 ("cannot be opened"), and on a chmod 444 file it left -wal and -shm files beside it.
/// </summary>
public sealed class ReadOnlyStoreTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static async Task<string> StoreWithOneArticleAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "monitor.db");
        var store = new SqliteContentStore(new SqliteStoreOptions(path), new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero)));
        await store.InitializeAsync();
        await store.SaveAsync(ContentBatch.Empty with { Items = [Samples.Article("https://thainguyentv.vn/a-1.html")] });
        SqliteConnection.ClearAllPools();
        Directory.GetFiles(folder).Select(Path.GetFileName).ShouldBe(["monitor.db"], "the last connection closing checkpoints and removes the WAL");
        return path;
    }

    [Fact]
    public async Task Stats_ReadOnlyFile_ReadsAndLeavesNoWalOrShmBeside()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // -wal/-shm and Unix modes: the case seen is on Linux.
        }

        var path = await StoreWithOneArticleAsync(temp.File("store"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exitCode, output, error) = await CliRun.InvokeAsync("stats", "--json", "--db", path, "--pipelines", RepositoryPaths.Pipelines);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("\"items\"");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).ShouldBe(["monitor.db"]);
    }

    [Fact]
    public async Task Stats_StoreOnAReadOnlyMount_Reads()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Bind mounts are a Linux feature.
        }

        var source = temp.File("store");
        var path = await StoreWithOneArticleAsync(source);
        var mount = temp.File("mounted");
        Directory.CreateDirectory(mount);
        // A real read-only mount, as an operator's backup volume would be; needs root, as CI and this machine run.
        Mount("--bind", source, mount);
        try
        {
            Mount("-o", "remount,ro,bind", mount);
            Should.Throw<IOException>(() => File.WriteAllText(Path.Combine(mount, "probe"), "x"), "the mount must refuse writes for this test to mean anything");

            var (exitCode, output, error) = await CliRun.InvokeAsync("stats", "--json", "--db", Path.Combine(mount, "monitor.db"), "--pipelines", RepositoryPaths.Pipelines);

            exitCode.ShouldBe(0, error);
            output.ShouldContain("\"items\"");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Run("umount", mount);
        }

        Directory.GetFiles(source).Select(Path.GetFileName).ShouldBe(["monitor.db"]);
    }

    [Fact]
    public async Task InitializeAsync_ReadOnlyOptionsOnAWritableStore_StillSeesWhatAWriterJustSaved()
    {
        var path = await StoreWithOneArticleAsync(temp.File("store"));
        var writer = new SqliteContentStore(new SqliteStoreOptions(path), TimeProvider.System);
        await writer.SaveAsync(ContentBatch.Empty with { Items = [Samples.Article("https://thainguyentv.vn/b-2.html")] });

        var reader = new SqliteContentStore(new SqliteStoreOptions(path, ReadOnly: true), TimeProvider.System);
        await reader.InitializeAsync();

        (await reader.GetStatsAsync()).Items.ShouldBe(2, "a writable store is read through the WAL, not as an immutable file");
    }

    private static void Mount(params string[] args) => Run("mount", args);

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', args)} failed ({error.Trim()}); this test bind-mounts a folder read-only and must run as root, as CI does");
    }
}
