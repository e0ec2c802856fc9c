using Monitor.Reporting;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Reporting.Support;
using Monitor.Tests.Support;

namespace Monitor.Tests.Elasticsearch;

/// <summary>
/// Issue 10, "the same queries on the Elasticsearch stand-in give the same answers": a seeded world
/// saved in shuffled batches (items before their observations, some items moved to an earlier
/// publish time afterwards) into SQLite and into Elasticsearch prints the same leaderboard, top
/// items and stories, over the whole store and over a period, and both match the in-memory oracle.
/// </summary>
public sealed class ElasticsearchReportsTests : IDisposable
{
    private static readonly DateTimeOffset From = ReportWorld.Start.AddDays(20);
    private static readonly DateTimeOffset To = ReportWorld.Start.AddDays(51);

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Reports_SeededWorldOnBothStores_PrintTheSame()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var elasticsearch = await es.InitializedStoreAsync();
        var sqlite = new SqliteContentStore(new SqliteStoreOptions(temp.File("world.db")), TestClock.Create());
        await sqlite.InitializeAsync();
        var world = new ReportWorld(5, itemsPerStation: 40);
        await world.SaveAsync(sqlite);
        await world.SaveAsync(elasticsearch);

        foreach (var (from, to) in new (DateTimeOffset?, DateTimeOffset?)[] { (null, null), (From, To) })
        {
            var expected = await RenderAsync(sqlite, from, to);
            var actual = await RenderAsync(elasticsearch, from, to);

            actual.ShouldBe(expected);
        }

        var oracle = new InMemoryReports(await sqlite.ReadItemsAsync().ToListAsync(), await sqlite.ReadObservationsAsync().ToListAsync(), []);
        var leaderboard = await Leaderboard.BuildAsync("cum-2", ReportWorld.Stations, elasticsearch, [], null, null);
        ReportText.ToJson(leaderboard.Rows).ShouldBe(ReportText.ToJson(oracle.Leaderboard("cum-2", ReportWorld.Stations, null, null)));
        leaderboard.Rows.ShouldAllBe(r => r.ScoredItems > 0, "the world must score items for this test to say anything");
    }

    private static async Task<string> RenderAsync(IContentQueries store, DateTimeOffset? from, DateTimeOffset? to)
    {
        var stations = ReportWorld.Stations;
        var text = ReportText.Render(await Leaderboard.BuildAsync("cum-2", stations, store, [], from, to))
            + ReportText.Render(await StoriesReportBuilder.BuildAsync("cum-2", stations, store, 30, from, to));
        foreach (var station in stations)
        {
            text += ReportText.Render(await TopItems.BuildAsync(station.Id, store, 15, from, to));
        }

        return text;
    }
}
