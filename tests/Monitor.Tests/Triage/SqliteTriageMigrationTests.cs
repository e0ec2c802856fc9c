using Microsoft.Data.Sqlite;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;
using Monitor.Triage;
using static Monitor.Tests.Triage.TriageSamples;

namespace Monitor.Tests.Triage;

public sealed class SqliteTriageMigrationTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task MigrateAsync_StoreWithFlagsFromBeforeTriage_SameRowsSnapshotsAndCommentIndexAsANewStore()
    {
        var path = temp.File("monitor.db");
        var store = new SqliteContentStore(new SqliteStoreOptions(path), TestClock.Create());
        await store.InitializeAsync();
        await store.SaveAsync(Content);
        await store.SaveAsync(Flags);
        var ids = new[] { OnLandslide, OnPraise, OnUndated, OnFestival }.Select(Id).ToList();
        var before = await DescribeAsync(store, ids);

        // Back to the schema before the triage migration: its tables gone, the version one lower.
        var triage = SqliteSchema.Migrations.ToList().FindIndex(m => m.Contains("CREATE TABLE flag_triage", StringComparison.Ordinal)) + 1;
        triage.ShouldBeGreaterThan(0);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP TABLE flag_triage; DROP TABLE flag_snapshots; DROP TABLE flag_audit; DROP TABLE comments_fts; DROP INDEX items_by_published; DROP INDEX comments_by_published; DROP INDEX items_station_of; "
                + "DROP INDEX summary_stories; DROP INDEX summary_daily; DROP INDEX summary_mood; ALTER TABLE item_summary DROP COLUMN negative_comments; ALTER TABLE item_summary DROP COLUMN toxic_comments; "
                + $"PRAGMA user_version = {triage - 1};";
            await command.ExecuteNonQueryAsync();
        }

        var upgraded = new SqliteContentStore(new SqliteStoreOptions(path), TestClock.Create());
        await upgraded.InitializeAsync();

        (await DescribeAsync(upgraded, ids)).ShouldBe(before);
        (await upgraded.ListAsync(FlagFilter.All, 10)).CountsByStatus[FlagStatus.Open].ShouldBe(4);
    }

    /// <summary>Each flag's row, snapshot (as its JSON: records hold lists) and audit trail, and the comment search.</summary>
    private static async Task<List<string>> DescribeAsync(SqliteContentStore store, List<string> ids)
    {
        var lines = new List<string>();
        foreach (var id in ids)
        {
            var detail = (await store.GetAsync(id)).ShouldNotBeNull();
            lines.Add(detail.Flag.ToString());
            lines.Add(FlagSnapshots.ToJson(detail.Snapshot));
            lines.AddRange(detail.Audit.Select(a => a.ToString()));
        }

        var comments = await store.SearchAsync(new SearchQuery("thai nguyen", SearchTarget.Comments));
        lines.Add(string.Join(' ', comments.Hits.Select(h => h.Id)));
        return lines;
    }
}
