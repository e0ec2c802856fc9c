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

    [Fact]
    public async Task ReportCommands_StoreKindElasticsearch_PrintWhatTheyPrintOnSqlite()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var db = temp.File("cli.db");
        var sqlite = new SqliteContentStore(new SqliteStoreOptions(db), TestClock.Create());
        await sqlite.InitializeAsync();
        var world = new ReportWorld(6, itemsPerStation: 30);
        await world.SaveAsync(sqlite);
        await world.SaveAsync(await es.InitializedStoreAsync());
        var pipelines = PipelinesOnElasticsearch(es.StandIn.Url);
        string[][] reports =
        [
            ["stats"],
            ["report", "top", "--station", "thai-nguyen"],
            ["report", "top", "--station", "thai-nguyen", "--json"],
            ["report", "leaderboard", "--cluster", "cum-2"],
            ["report", "stories", "--cluster", "cum-2", "--json"],
        ];

        foreach (var report in reports)
        {
            var onSqlite = await CliRun.InvokeAsync([.. report, "--db", db, "--pipelines", RepositoryPaths.Pipelines]);
            var onElasticsearch = await CliRun.InvokeAsync([.. report, "--pipelines", pipelines]);

            onSqlite.ExitCode.ShouldBe(0, onSqlite.Error);
            onElasticsearch.ExitCode.ShouldBe(0, onElasticsearch.Error);
            onSqlite.Output.Length.ShouldBeGreaterThan(200, "the report must print rows for this test to say anything");
            Comparable(onElasticsearch.Output).ShouldBe(Comparable(onSqlite.Output), string.Join(' ', report));
        }
    }

    /// <summary>The stats header names the store it read (a file or a URL); the rest must match.</summary>
    private static string Comparable(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.Contains("Store ", StringComparison.Ordinal) && !l.Contains("monitor.db", StringComparison.Ordinal) && !l.Contains("cli.db", StringComparison.Ordinal)));

    /// <summary>A copy of pipelines/ whose monitor.yaml says <c>store.kind: elasticsearch</c> at the stand-in.</summary>
    private string PipelinesOnElasticsearch(Uri url)
    {
        var target = temp.File("pipelines-es");
        foreach (var file in Directory.GetFiles(RepositoryPaths.Pipelines, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RepositoryPaths.Pipelines, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var monitor = Path.Combine(target, "monitor.yaml");
        var text = File.ReadAllText(monitor);
        text.ShouldContain("kind: sqlite");
        text = text.Replace("kind: sqlite", "kind: elasticsearch", StringComparison.Ordinal)
            .Replace("url: null                  # e.g. https://localhost:9200/", $"url: {url.AbsoluteUri}", StringComparison.Ordinal)
            .Replace("apiKeyEnv: MONITOR_ES_API_KEY", "apiKeyEnv: null", StringComparison.Ordinal);
        File.WriteAllText(monitor, text);
        return target;
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
