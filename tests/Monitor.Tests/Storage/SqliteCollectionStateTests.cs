using Microsoft.Data.Sqlite;
using Monitor.Collection.Web;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

public sealed class SqliteCollectionStateTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task CrawlState_FreshFile_TablesComeFromTheStoreMigrationsAndTheStoreOpensAfter()
    {
        var path = temp.File("monitor.db");
        using (var crawl = new SqliteCrawlState(path))
        {
            await crawl.MarkSeenAsync("thai-nguyen-web", new SeenUrl("/a.html", null, null, Validators.None, null, Samples.Collected));
        }

        var store = new SqliteContentStore(new SqliteStoreOptions(path), TestClock.Create());
        await store.InitializeAsync();

        (await UserVersionAsync(path)).ShouldBe(SqliteSchema.LatestVersion);
        using var again = new SqliteCrawlState(path);
        (await again.LoadSeenAsync("thai-nguyen-web")).Keys.ShouldBe(["/a.html"]);
    }

    [Fact]
    public async Task StoreAndStates_OpenAFreshFileAtOnce_OneOfThemMigratesAndNoneFails()
    {
        var path = temp.File("monitor.db");
        var store = new SqliteContentStore(new SqliteStoreOptions(path), TestClock.Create());
        using var crawl = new SqliteCrawlState(path);
        using var social = new SqliteObservationState(path);

        await Task.WhenAll(
            Task.Run(() => store.InitializeAsync()),
            Task.Run(() => crawl.LoadFailuresAsync("cao-bang-web")),
            Task.Run(() => social.GetItemAsync("youtube:abc")),
            Task.Run(() => social.AddQuotaUnitsAsync("youtube-quota:KEY", "2026-12-05", 1)));

        (await UserVersionAsync(path)).ShouldBe(SqliteSchema.LatestVersion);
        (await social.GetQuotaUnitsAsync("youtube-quota:KEY", "2026-12-05")).ShouldBe(1);
    }

    [Fact]
    public async Task RecordFailureAsync_TwiceInARow_CountsTwoAndWaitsTheDoubledBackoff()
    {
        using var crawl = new SqliteCrawlState(temp.File("monitor.db"));

        await crawl.RecordFailureAsync("lang-son-web", "/x.html", "HTTP 500", Samples.Collected);
        var second = await crawl.RecordFailureAsync("lang-son-web", "/x.html", "HTTP 500", Samples.Collected);

        second.Failures.ShouldBe(2);
        second.RetryAfter.ShouldBe(Samples.Collected + TimeSpan.FromHours(2));
    }

    private static async Task<long> UserVersionAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
