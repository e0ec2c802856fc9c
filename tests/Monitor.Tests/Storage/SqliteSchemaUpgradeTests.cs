using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Monitor.Pipeline;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

public sealed class SqliteSchemaUpgradeTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task InitializeAsync_FileOfSchemaOne_SaysTheUpgradeAndEachStep()
    {
        var path = temp.File("old.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0] + "\nPRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync();
        }

        var log = new ListLogger<SqliteSchemaUpgradeTests>();
        await new SqliteContentStore(new SqliteStoreOptions(path), new FakeTimeProvider(), null, log).InitializeAsync();

        var lines = log.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        lines[0].ShouldStartWith($"Upgrading the store {path} from schema version 1 to {SqliteSchema.LatestVersion}");
        lines.Skip(1).Select(l => l[..l.IndexOf(" done", StringComparison.Ordinal)])
            .ShouldBe(Enumerable.Range(2, SqliteSchema.LatestVersion - 1).Select(v => $"Store schema step {v} of {SqliteSchema.LatestVersion}"));
    }

    [Fact]
    public async Task InitializeAsync_StoreOfSchema14_KeepsOnlyTheVersionsItemsReplaced()
    {
        var path = temp.File("versions.db");
        var store = new SqliteContentStore(new SqliteStoreOptions(path), new FakeTimeProvider());
        await store.InitializeAsync();
        var changed = Samples.Article("https://langsontv.vn/news/1/2/a");
        var unchanged = Samples.Article("https://langsontv.vn/news/1/2/b", title: "Bài khác");
        await store.SaveAsync(ContentBatch.Empty with { Items = [changed, unchanged] });
        await store.SaveAsync(ContentBatch.Empty with { Items = [changed with { Body = "Nội dung đã sửa." }] });
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // Schema 14 also kept a copy of each item's current version.
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO item_versions (item_id, version, title, body, author, category, published_at, content_hash, collected_at)
                SELECT id, version, title, body, author, category, published_at, content_hash, updated_at FROM items;
                PRAGMA user_version = 14;
                """;
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var upgraded = new SqliteContentStore(new SqliteStoreOptions(path), new FakeTimeProvider());
        await upgraded.InitializeAsync();

        (await SqliteRows.ReadAsync(path, "SELECT item_id, version, body FROM item_versions")).ShouldBe([$"{changed.Id} 1 {changed.Body}"]);
        (await upgraded.CountVersionsAsync(changed.Id)).ShouldBe(2);
        (await upgraded.CountVersionsAsync(unchanged.Id)).ShouldBe(1);
        (await upgraded.CountVersionsAsync("web:unknown")).ShouldBe(0);
    }

    [Fact]
    public async Task InitializeAsync_NewFileAndUpToDateFile_SayNothing()
    {
        var path = temp.File("new.db");
        var log = new ListLogger<SqliteSchemaUpgradeTests>();

        await new SqliteContentStore(new SqliteStoreOptions(path), new FakeTimeProvider(), null, log).InitializeAsync();
        await new SqliteContentStore(new SqliteStoreOptions(path), new FakeTimeProvider(), null, log).InitializeAsync();

        log.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task InitializeAsync_ReadOnlyOldFile_RefusesNamingTheCommandThatUpgrades()
    {
        var path = temp.File("old-read.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0] + "\nPRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync();
        }

        var refused = await Should.ThrowAsync<StoreUnavailableException>(
            new SqliteContentStore(new SqliteStoreOptions(path, ReadOnly: true), new FakeTimeProvider()).InitializeAsync());

        refused.Message.ShouldContain($"schema version 1; this Monitor reads version {SqliteSchema.LatestVersion}");
        refused.Message.ShouldContain($"serve --db {path}");
    }
}
