using Microsoft.Data.Sqlite;
using Monitor.Domain;
using Monitor.Reporting;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Reporting.Support;
using Monitor.Tests.Support;

namespace Monitor.Tests.Reporting;

/// <summary>
/// The reports computed in the store (summaries kept at save time, indexed queries, bounded story
/// linking) print what the whole-store, in-memory computation printed, on a seeded world saved in
/// shuffled batches, and on a store upgraded from schema 1.
/// </summary>
public sealed class StoreReportsTests : IDisposable
{
    private static readonly DateTimeOffset From = ReportWorld.Start.AddDays(20);
    private static readonly DateTimeOffset To = ReportWorld.Start.AddDays(51);

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Reports_SeededWorld_SameAsInMemoryComputation(int seed)
    {
        var store = await SavedStoreAsync(seed);

        await AssertSameAsOracleAsync(store);
    }

    [Fact]
    public async Task InitializeAsync_StoreFromSchemaOne_BackfillsSummariesThatGiveTheSameReports()
    {
        var store = await SavedStoreAsync(3);
        var before = await RenderAllAsync(store);
        await DowngradeToSchemaOneAsync(store.Path);

        var upgraded = new SqliteContentStore(new SqliteStoreOptions(store.Path), TestClock.Create());
        await upgraded.InitializeAsync();

        (await RenderAllAsync(upgraded)).ShouldBe(before);
        await AssertSameAsOracleAsync(upgraded);
        (await upgraded.GetStatsAsync()).ShouldBeEquivalentTo(await store.GetStatsAsync());
    }

    [Fact]
    public async Task GetStatsAsync_SeededWorld_SameCountsAsTheTables()
    {
        var store = await SavedStoreAsync(4);

        var stats = await store.GetStatsAsync();

        var items = await store.ReadItemsAsync().ToListAsync();
        var observations = await store.ReadObservationsAsync().ToListAsync();
        stats.Items.ShouldBe(items.Count);
        stats.Observations.ShouldBe(observations.Count);
        stats.Groups.Sum(g => g.Items).ShouldBe(items.Count);
        stats.Groups.Sum(g => g.Observations).ShouldBe(observations.Count);
        var byGroup = items.GroupBy(i => (i.StationId, Platform: i.Platform.ToWire())).OrderBy(g => g.Key.StationId, StringComparer.Ordinal).ThenBy(g => g.Key.Platform, StringComparer.Ordinal).ToList();
        stats.Groups.Select(g => (g.Station, g.Platform, g.Items, g.FirstPublished))
            .ShouldBe(byGroup.Select(g => (g.Key.StationId, g.Key.Platform, (long)g.Count(), g.Min(i => i.PublishedAt))));
    }

    private async Task<SqliteContentStore> SavedStoreAsync(int seed)
    {
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File($"world-{seed}.db")), TestClock.Create());
        await store.InitializeAsync();
        await new ReportWorld(seed, itemsPerStation: 90).SaveAsync(store);
        return store;
    }

    private static async Task AssertSameAsOracleAsync(SqliteContentStore store)
    {
        var oracle = new InMemoryReports(await store.ReadItemsAsync().ToListAsync(), await store.ReadObservationsAsync().ToListAsync(), []);
        var stations = ReportWorld.Stations;
        var everyTop = new List<TopItemRow>();
        foreach (var (from, to) in new (DateTimeOffset?, DateTimeOffset?)[] { (null, null), (From, To) })
        {
            var leaderboard = await Leaderboard.BuildAsync("cum-2", stations, store, [], from, to);
            ReportText.ToJson(leaderboard.Rows).ShouldBe(ReportText.ToJson(oracle.Leaderboard("cum-2", stations, from, to)));
            foreach (var station in stations)
            {
                var top = await TopItems.BuildAsync(station.Id, store, 15, from, to);
                ReportText.ToJson(top.Rows).ShouldBe(ReportText.ToJson(oracle.Top(station.Id, 15, from, to)), $"top of {station.Id}");
                everyTop.AddRange(top.Rows);
            }

            leaderboard.Rows.ShouldAllBe(r => r.ScoredItems > 0, "the world must score items for this test to say anything");

            var stories = await StoriesReportBuilder.BuildAsync("cum-2", stations, store, 30, from, to);
            stories.Rows.Count.ShouldBeGreaterThan(3, "the world must make stories for this test to say anything");
            ReportText.ToJson(stories.Rows).ShouldBe(ReportText.ToJson(oracle.Stories("cum-2", stations, 30, from, to)));
        }

        everyTop.ShouldContain(r => r.Score1h != null && r.Score24h != null && r.Score7d != null);
        everyTop.ShouldContain(r => r.StoryPlatforms > 2);
        everyTop.ShouldContain(r => r.Score7d == null && r.Score24h < 0);
    }

    private static async Task<string> RenderAllAsync(SqliteContentStore store)
    {
        var stations = ReportWorld.Stations;
        var text = ReportText.Render(await Leaderboard.BuildAsync("cum-2", stations, store, [], null, null))
            + ReportText.Render(await StoriesReportBuilder.BuildAsync("cum-2", stations, store, 50));
        foreach (var station in stations)
        {
            text += ReportText.Render(await TopItems.BuildAsync(station.Id, store, 20));
        }

        return text;
    }

    private static async Task DowngradeToSchemaOneAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Everything migrations 2 and later add that would not be created again over itself (2 uses IF NOT EXISTS for the state tables).
        command.CommandText = """
            DROP TABLE item_summary; DROP TABLE item_links; DROP TABLE store_totals; DROP TABLE checkpoints; DROP TABLE summary_stale; DROP TABLE summary_days;
            DROP TABLE alert_deliveries; DROP TABLE alerts; DROP TABLE comment_tallies; DROP TABLE source_health;
            DROP TABLE flag_triage; DROP TABLE flag_snapshots; DROP TABLE flag_audit; DROP TABLE comments_fts; DROP INDEX items_by_published; DROP INDEX comments_by_published; DROP INDEX items_station_of;
            DROP INDEX observations_by_checkpoint; ALTER TABLE observations DROP COLUMN checkpoint_seconds;
            PRAGMA user_version = 1;
            """;
        await command.ExecuteNonQueryAsync();
    }
}
