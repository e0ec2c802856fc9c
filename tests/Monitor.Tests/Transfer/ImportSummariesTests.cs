using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Monitor.Alerts;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Rules;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;
using Monitor.Transfer;

namespace Monitor.Tests.Transfer;

/// <summary>
/// An import defers other items' overperformance to one pass at its end (issue 10, import speed); the
/// summaries it leaves must be exactly those that saving the same items one by one, as collection
/// does, keeps current.
/// </summary>
public sealed class ImportSummariesTests : IDisposable
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "thai-nguyen", "thai-nguyen-youtube", "thai-nguyen-facebook" };
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempFolder temp = new();
    private readonly FakeTimeProvider clock = TestClock.Create();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ImportAsync_ItemsInAnyOrder_SummariesEqualThoseSavedOneByOne()
    {
        var lines = History();
        var path = temp.Write("history.ndjson", string.Join('\n', lines) + "\n");
        var imported = await OpenAsync("imported.db");
        var collected = await OpenAsync("collected.db");

        await new NdjsonImporter(new ContentSaver([], imported), imported, clock) { BatchSize = 17 }.ImportAsync(path, Known, Known);
        await SaveOneByOneAsync(lines, collected);

        var expected = await SummaryRowsAsync(collected.Path);
        var actual = await SummaryRowsAsync(imported.Path);
        expected.Count(r => r.Contains("|score:", StringComparison.Ordinal)).ShouldBeGreaterThan(200, "most items have scores at several ages");
        actual.ShouldBe(expected);
        (await CountAsync(imported.Path, "summary_stale")).ShouldBe(0);
    }

    [Fact]
    public async Task SaveAsync_AfterAnImportStoppedBeforeItsLastBatch_BringsTheDeferredScoresUpToDate()
    {
        var lines = History();
        var stopped = await OpenAsync("stopped.db");
        var collected = await OpenAsync("collected.db");
        var batch = Batch(lines) with { Bulk = true };

        await stopped.SaveAsync(batch);
        var owed = await CountAsync(stopped.Path, "summary_pending");
        var summarised = await CountAsync(stopped.Path, "item_summary");
        await stopped.SaveAsync(ContentBatch.Empty);
        await SaveOneByOneAsync(lines, collected);

        owed.ShouldBe(320, "a bulk save owes every item it stored a summary");
        summarised.ShouldBe(0, "and writes none of them");
        (await SummaryRowsAsync(stopped.Path)).ShouldBe(await SummaryRowsAsync(collected.Path));
        (await CountAsync(stopped.Path, "summary_stale")).ShouldBe(0);
        (await CountAsync(stopped.Path, "summary_pending")).ShouldBe(0);
        foreach (var derived in DerivedRows)
        {
            (await SqliteRows.ReadAsync(stopped.Path, derived)).ShouldBe(await SqliteRows.ReadAsync(collected.Path, derived), derived);
        }
    }

    [Fact]
    public async Task SaveAsync_AfterABulkSaveOfAFewItemsOfALargerStore_SummariesEqualThoseSavedOneByOne()
    {
        // Forty items owed of 320: the summaries are written into the readers' indexes as they stand, not rebuilt.
        var lines = History();
        var bulk = await OpenAsync("bulk.db");
        var collected = await OpenAsync("collected.db");
        await SaveOneByOneAsync(lines, bulk);
        await SaveOneByOneAsync(lines, collected);
        var later = Batch(lines).Items.Take(40).Select(i => new Observation(i.Id, Start.AddDays(40), null, 90_000, 9_000, 900, 90)).ToList();

        await new ContentSaver([], bulk).SaveAsync(new ContentBatch([], later, [], [], []) { Bulk = true });
        var owed = await CountAsync(bulk.Path, "summary_pending");
        await bulk.SaveAsync(ContentBatch.Empty);
        await new ContentSaver([], collected).SaveAsync(new ContentBatch([], later, [], [], []));

        owed.ShouldBe(40);
        (await SummaryRowsAsync(bulk.Path)).ShouldBe(await SummaryRowsAsync(collected.Path));
        foreach (var derived in DerivedRows)
        {
            (await SqliteRows.ReadAsync(bulk.Path, derived)).ShouldBe(await SqliteRows.ReadAsync(collected.Path, derived), derived);
        }
    }

    [Fact]
    public async Task SaveAsync_ChangesItemsStillOwedASummary_SummariesEqualThoseSavedOneByOne()
    {
        // The owed summaries are built from what the import's batches committed, read beside the save's writes;
        // this save adds observations, a comment and a changed title to some of those very items.
        var lines = History();
        var stopped = await OpenAsync("stopped.db");
        var collected = await OpenAsync("collected.db");
        var all = Batch(lines);
        var changed = all.Items.Take(40).ToList();
        var later = new ContentBatch(
            [.. changed.Take(5).Select(i => i with { Title = i.Title + " (cập nhật)" })],
            [.. changed.Select(i => new Observation(i.Id, Start.AddDays(40), null, 90_000, 9_000, 900, 90))],
            [.. changed.Take(10).Select(i => new Comment($"{i.Platform.ToWire()}:late-{i.Id}", i.Id, i.Platform, null, "Khán giả", "Xem lại vẫn hay", Start.AddDays(40), 3))],
            [],
            []);

        await stopped.SaveAsync(all with { Bulk = true });
        await new ContentSaver([], stopped).SaveAsync(later);
        await SaveOneByOneAsync(lines, collected);
        await new ContentSaver([], collected).SaveAsync(later);

        (await CountAsync(stopped.Path, "summary_pending")).ShouldBe(0);
        (await SummaryRowsAsync(stopped.Path)).ShouldBe(await SummaryRowsAsync(collected.Path));
        foreach (var derived in DerivedRows)
        {
            (await SqliteRows.ReadAsync(stopped.Path, derived)).ShouldBe(await SqliteRows.ReadAsync(collected.Path, derived), derived);
        }
    }

    [Fact]
    public async Task ImportAsync_WithAlerts_RaisesAViralAlertForEachItemWhoseFinalScoreReachesTheThreshold()
    {
        // The import's last save builds every summary and rescores the store; of those items, detection is handed
        // only the ones the viral rule can fire on, read with their final scores (at 1 h or 24 h).
        var path = temp.Write("history.ndjson", string.Join('\n', History()) + "\n");
        var store = await OpenAsync("alerted.db", ViralAlerts());

        await new NdjsonImporter(new ContentSaver([], store), store, clock) { BatchSize = 17 }.ImportAsync(path, Known, Known);

        var reaching = await SqliteRows.ReadAsync(store.Path, $"SELECT item_id FROM item_summary WHERE {Reaching} ORDER BY item_id");
        reaching.Count.ShouldBeInRange(10, 200, "some of the 320 items reach the threshold, most do not");
        (await ViralAlertsAsync(store.Path)).ShouldBe(reaching);
    }

    [Fact]
    public async Task SaveAsync_AfterABulkSaveOfAFewItemsOfALargerStore_RaisesViralAlertsForThoseItemsOnly()
    {
        // A late observation of an item observed at 1 h, 24 h and 7 days leaves its values at those ages as they were, so
        // no score moves and nothing is rescored: the items the build reached are still handed to detection, no other is.
        var lines = History();
        await SaveOneByOneAsync(lines, await OpenAsync("later.db"));
        var store = await OpenAsync("later.db", ViralAlerts());
        var path = store.Path;
        var later = Batch(lines).Items
            .Where(i => int.Parse(i.Id.AsSpan(i.Id.IndexOf(":n", StringComparison.Ordinal) + 2), CultureInfo.InvariantCulture) % 11 != 3)
            .Take(40)
            .Select(i => new Observation(i.Id, Start.AddDays(40), null, 90_000, 9_000, 900, 90))
            .ToList();

        await new ContentSaver([], store).SaveAsync(new ContentBatch([], later, [], [], []) { Bulk = true });
        await store.SaveAsync(ContentBatch.Empty);

        var laterIds = string.Join(", ", later.Select(o => $"'{o.ItemId}'"));
        var reaching = await SqliteRows.ReadAsync(path, $"SELECT item_id FROM item_summary WHERE {Reaching} AND item_id IN ({laterIds}) ORDER BY item_id");
        var reachingInStore = await SqliteRows.ReadAsync(path, $"SELECT item_id FROM item_summary WHERE {Reaching}");
        reaching.ShouldNotBeEmpty();
        reachingInStore.Count.ShouldBeGreaterThan(reaching.Count, "items the save did not touch reach the threshold too");
        (await ViralAlertsAsync(path)).ShouldBe(reaching);
    }

    private const double ViralThreshold = 1.5;

    private static readonly string Reaching = string.Create(CultureInfo.InvariantCulture, $"(score_1h >= {ViralThreshold} OR score_24h >= {ViralThreshold})");

    private AlertSetup ViralAlerts() =>
        new(new AlertDetector(AlertRules.Defaults with { Viral = new ViralRule(Score: ViralThreshold) }, clock), new AlertRouter([], new Dictionary<string, string?>()));

    private async Task<SqliteContentStore> OpenAsync(string name, AlertSetup? alerts = null)
    {
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File(name)), clock, alerts);
        await store.InitializeAsync();
        return store;
    }

    private static Task<List<string>> ViralAlertsAsync(string path) => SqliteRows.ReadAsync(path, "SELECT target_id FROM alerts WHERE kind = 'viral' ORDER BY target_id");

    /// <summary>What a summary's build writes besides its row, and the indexes it may drop and build again.</summary>
    private static readonly string[] DerivedRows =
    [
        "SELECT link, item_id FROM item_links ORDER BY link, item_id",
        "SELECT * FROM summary_days ORDER BY 1, 2, 3, 4",
        "SELECT * FROM summary_hours ORDER BY 1, 2, 3, 4",
        "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name",
    ];

    /// <summary>Two channels, 160 items each published at shuffled times (a dozen without a date), observed at 1 h, 24 h and 7 days.</summary>
    private static List<string> History()
    {
        var random = new Random(10);
        var lines = new List<string>();
        var order = Enumerable.Range(0, 320).OrderBy(_ => random.Next()).ToList();
        foreach (var n in order)
        {
            var (channel, platform, kind) = n % 2 == 0 ? ("thai-nguyen-youtube", "youtube", "video") : ("thai-nguyen-facebook", "facebook", "post");
            var published = Start.AddMinutes(n * 97 % 50000);
            var dated = n % 27 != 5;
            var id = $"{platform}:n{n}";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"item","id":"{{id}}","stationId":"thai-nguyen","channelId":"{{channel}}","platform":"{{platform}}","kind":"{{kind}}","url":"https://example.vn/{{id}}","title":"Tin số {{n}} của Thái Nguyên","body":null,"author":null,"category":null,"publishedAt":{{(dated ? $"\"{Iso(published)}\"" : "null")}},"collectedAt":"{{Iso(published.AddMinutes(30))}}","language":"vi"}"""));
            foreach (var hours in n % 11 == 3 ? new[] { 1 } : [1, 24, 168])
            {
                var views = random.Next(10, 5000) * hours;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"observation","itemId":"{{id}}","observedAt":"{{Iso(published.AddHours(hours))}}","views":{{views}},"reactions":{{views / 20}},"comments":{{views / 200}},"shares":{{views / 500}}}"""));
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"comment","id":"{{platform}}:c{{n}}","itemId":"{{id}}","platform":"{{platform}}","parentId":null,"author":"Khán giả","text":"Hay quá","publishedAt":"{{Iso(published.AddHours(2))}}","likes":1}"""));
        }

        return lines;
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The lines as the importer would batch them, in one batch.</summary>
    private static ContentBatch Batch(IEnumerable<string> lines)
    {
        var parsed = lines.Select(l => TransferJson.Read(System.Text.Encoding.UTF8.GetBytes(l))).ToList();
        var items = parsed.OfType<ItemLine>().Select(l => l.ToItem()).ToList();
        var published = items.ToDictionary(i => i.Id, i => i.PublishedAt, StringComparer.Ordinal);
        return new ContentBatch(
            items,
            [.. parsed.OfType<ObservationLine>().Select(l => l.ToObservation(published[l.ItemId]))],
            [.. parsed.OfType<CommentLine>().Select(l => l.ToComment())],
            [],
            []);
    }

    /// <summary>Each item with its observations and comments in a save of its own, as a collector hands them on.</summary>
    private static async Task SaveOneByOneAsync(List<string> lines, SqliteContentStore store)
    {
        var saver = new ContentSaver([], store);
        var start = 0;
        for (var i = 1; i <= lines.Count; i++)
        {
            if (i == lines.Count || lines[i].StartsWith("{\"type\":\"item\"", StringComparison.Ordinal))
            {
                await saver.SaveAsync(Batch(lines[start..i]));
                start = i;
            }
        }
    }

    private static async Task<List<string>> SummaryRowsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM item_summary ORDER BY item_id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(c =>
                $"{(reader.GetName(c).StartsWith("score", StringComparison.Ordinal) && !reader.IsDBNull(c) ? "score:" : reader.GetName(c) + "=")}{Format(reader.GetValue(c))}")));
        }

        return rows;
    }

    private static string Format(object value) => value switch
    {
        DBNull => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static async Task<long> CountAsync(string path, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
