using Microsoft.Data.Sqlite;
using Monitor.Replay.Websites;
using Monitor.Tests.Support;

namespace Monitor.Tests.Worker;

/// <summary>The worker as a child process against the replay sites on loopback, killed with SIGKILL mid-run.</summary>
public sealed class KillAndRestartTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Demo_KilledMidRunThenRunAgain_LosesNoStoredItemAndDuplicatesNone()
    {
        var db = temp.File("kill.db");
        int expected;
        await using (var sites = await ReplayWebsites.StartAsync())
        {
            expected = sites.ArticleCount;
        }

        HashSet<string> storedBeforeKill;
        using (var first = WorkerProcess.Start(temp.Path, "demo", "--db", db, "--pipelines", RepositoryPaths.Pipelines))
        {
            await WaitForItemsAsync(db, first, atLeast: 10);
            first.Kill();
            storedBeforeKill = await ReadAsync(db, "SELECT id FROM items");
        }

        storedBeforeKill.Count.ShouldBeGreaterThanOrEqualTo(10);
        storedBeforeKill.Count.ShouldBeLessThan(expected, "the kill must land mid-run for this test to mean anything");

        using var second = WorkerProcess.Start(temp.Path, "demo", "--db", db, "--pipelines", RepositoryPaths.Pipelines);
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromMinutes(4));

        exitCode.ShouldBe(0, second.Output);
        var after = await ReadAsync(db, "SELECT id FROM items");
        after.IsSupersetOf(storedBeforeKill).ShouldBeTrue("every item stored before the kill is still there");
        (await ReadAsync(db, "SELECT url FROM items")).Count.ShouldBe(after.Count, "one row per URL: nothing duplicated");
        // The demo also collects the replayed social platforms; the article count is about the web items.
        (await ReadAsync(db, WebItems)).Count.ShouldBe(expected, second.Output);
        second.Output.ShouldContain("Total");
        second.Output.ShouldContain("sentiment: ", customMessage: second.Output);

        using var third = WorkerProcess.Start(temp.Path, "demo", "--db", db, "--pipelines", RepositoryPaths.Pipelines);
        (await third.WaitForExitAsync(TimeSpan.FromMinutes(4))).ShouldBe(0, third.Output);
        third.Output.ShouldContain(" 0 new items, 0 stored", customMessage: third.Output);
        third.Output.ShouldContain("nothing new to classify", customMessage: third.Output);
        (await ReadAsync(db, WebItems)).Count.ShouldBe(expected, "a run over the same sites adds zero items");
        (await ReadAsync(db, "SELECT id FROM items")).Count.ShouldBe(after.Count, "nor any social item: same native ids");
    }

    private const string WebItems = "SELECT id FROM items WHERE id LIKE 'web:%'";

    private static async Task WaitForItemsAsync(string db, WorkerProcess worker, int atLeast)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (120 * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            if (worker.HasExited)
            {
                throw new InvalidOperationException($"worker exited ({worker.ExitCode}) before the kill:{Environment.NewLine}{worker.Output}");
            }

            if (File.Exists(db) && (await CountItemsAsync(db)) >= atLeast)
            {
                return;
            }

            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"fewer than {atLeast} items after 120 s:{Environment.NewLine}{worker.Output}");
            }

            // Polling a file another process writes: there is no event to wait on.
            await Task.Delay(20);
        }
    }

    private static async Task<long> CountItemsAsync(string db)
    {
        try
        {
            await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM items";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            // The schema is not created yet.
            return 0;
        }
    }

    private static async Task<HashSet<string>> ReadAsync(string db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
