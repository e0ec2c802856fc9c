using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
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
