using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;
using Monitor.Transfer;

namespace Monitor.Tests.Transfer;

public sealed class NdjsonImporterTests : IDisposable
{
    private static readonly HashSet<string> KnownStations = new(StringComparer.Ordinal) { "thai-nguyen", "cao-bang" };
    private static readonly HashSet<string> KnownChannels = new(StringComparer.Ordinal) { "thai-nguyen-youtube", "cao-bang-web" };

    private readonly TempFolder temp = new();
    private readonly FakeTimeProvider clock = TestClock.Create();
    private readonly SqliteContentStore store;

    public NdjsonImporterTests()
    {
        store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), clock);
    }

    public void Dispose() => temp.Dispose();

    private NdjsonImporter Importer(int batchSize = NdjsonImporter.DefaultBatchSize, params IContentEnricher[] enrichers) =>
        new(new ContentSaver(enrichers, store), store, clock) { BatchSize = batchSize };

    private static string ItemJson(int n, string station = "thai-nguyen", string channel = "thai-nguyen-youtube", string title = "Thái Nguyên đón mùa chè") =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"type":"item","id":"youtube:v{{n}}","stationId":"{{station}}","channelId":"{{channel}}","platform":"youtube","kind":"video","url":"https://www.youtube.com/watch?v=v{{n}}","title":"{{title}} {{n}}","body":null,"author":null,"category":null,"publishedAt":"2026-11-01T01:00:00Z","collectedAt":"2026-11-02T01:00:00Z","language":"vi"}""");

    private static string ObservationJson(int n, int hour) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"type":"observation","itemId":"youtube:v{{n}}","observedAt":"2026-11-01T{{hour:00}}:00:00Z","views":{{n * 10 + hour}},"reactions":2,"comments":1,"shares":0}""");

    private static string CommentJson(int n, int k) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"type":"comment","id":"youtube:c{{n}}-{{k}}","itemId":"youtube:v{{n}}","platform":"youtube","parentId":null,"author":"Khán giả","text":"Hay quá {{k}}","publishedAt":"2026-11-01T05:00:00Z","likes":0}""");

    private static IEnumerable<string> History(int items) =>
        Enumerable.Range(1, items).SelectMany(n => new[] { ItemJson(n), ObservationJson(n, 2), ObservationJson(n, 4), CommentJson(n, 1), CommentJson(n, 2) });

    private string WriteFile(IEnumerable<string> lines) => temp.Write("history.ndjson", string.Join('\n', lines) + "\n");

    [Fact]
    public async Task ImportAsync_BrokenLines_EachReportedByNumberAndEveryGoodLineStored()
    {
        await store.InitializeAsync();
        var lines = new List<string>
        {
            ItemJson(1),
            ObservationJson(1, 2),
            "{\"type\":\"item\",\"id\":\"youtube:broken\"",                            // 3: cut off
            ItemJson(2).Replace("\"youtube\",\"kind\"", "\"myspace\",\"kind\"", StringComparison.Ordinal), // 4: unknown platform
            "{\"type\":\"observation\",\"observedAt\":\"2026-11-01T02:00:00Z\"}",      // 5: no itemId
            "{\"type\":\"rating\",\"itemId\":\"youtube:v1\"}",                         // 6: unknown type
            CommentJson(1, 1),
            "",
            ItemJson(3),
            "not json at all",                                                         // 10
            ObservationJson(3, 4),
        };

        var summary = await Importer().ImportAsync(WriteFile(lines), KnownStations, KnownChannels);

        summary.BadLines.Select(b => b.LineNumber).ShouldBe([3L, 4L, 5L, 6L, 10L]);
        summary.BadLines.Single(b => b.LineNumber == 4).Problem.ShouldContain("myspace");
        summary.BadLines.Single(b => b.LineNumber == 5).Problem.ShouldContain("itemId");
        var stats = await store.GetStatsAsync();
        (stats.Items, stats.Observations, stats.Comments).ShouldBe((2L, 2L, 1L));
        summary.LinesRead.ShouldBe(11);
    }

    [Fact]
    public async Task ImportAsync_CancelledMidwayThenRunAgain_NothingLostNothingTwice()
    {
        await store.InitializeAsync();
        var path = WriteFile(History(50));
        using var cancellation = new CancellationTokenSource();
        var reports = 0;
        var stopAfterTwoBatches = new SyncProgress(_ =>
        {
            if (++reports == 2)
            {
                cancellation.Cancel();
            }
        });

        await Should.ThrowAsync<OperationCanceledException>(() => Importer(batchSize: 10).ImportAsync(path, KnownStations, KnownChannels, stopAfterTwoBatches, cancellation.Token));
        var interrupted = await store.GetStatsAsync();
        var resumed = await Importer(batchSize: 10).ImportAsync(path, KnownStations, KnownChannels);

        interrupted.Items.ShouldBe(20);
        resumed.ResumedAtLine.ShouldBe(101, "two batches of ten items, five lines each, were stored");
        resumed.Items.ShouldBe(30);
        var stats = await store.GetStatsAsync();
        (stats.Items, stats.Observations, stats.Comments).ShouldBe((50L, 100L, 100L));
    }

    [Fact]
    public async Task ImportAsync_KilledAfterFirstBatch_FirstBatchIsSmallAndResumeStoresTheRest()
    {
        await store.InitializeAsync();
        var path = WriteFile(History(1600));
        using var cancellation = new CancellationTokenSource();
        var stopAfterFirstBatch = new SyncProgress(_ => cancellation.Cancel());

        await Should.ThrowAsync<OperationCanceledException>(() => Importer().ImportAsync(path, KnownStations, KnownChannels, stopAfterFirstBatch, cancellation.Token));
        var interrupted = await store.GetStatsAsync();
        var resumed = await Importer().ImportAsync(path, KnownStations, KnownChannels);

        interrupted.Items.ShouldBe(NdjsonImporter.FirstBatchSize, "the first batch is the small one, so writing starts early");
        resumed.ResumedAtLine.ShouldBe((NdjsonImporter.FirstBatchSize * 5) + 1);
        resumed.Items.ShouldBe(1600 - NdjsonImporter.FirstBatchSize);
        var stats = await store.GetStatsAsync();
        (stats.Items, stats.Observations, stats.Comments).ShouldBe((1600L, 3200L, 3200L));
    }

    [Fact]
    public async Task ImportAsync_FinishedFileImportedAgain_StartsAtLineOneAndAddsNothing()
    {
        await store.InitializeAsync();
        var path = WriteFile(History(5));
        await Importer().ImportAsync(path, KnownStations, KnownChannels);

        var again = await Importer().ImportAsync(path, KnownStations, KnownChannels);

        again.ResumedAtLine.ShouldBe(1);
        again.NewItems.ShouldBe(0);
        var stats = await store.GetStatsAsync();
        (stats.Items, stats.Observations, stats.Comments).ShouldBe((5L, 10L, 10L));
    }

    [Fact]
    public async Task ImportAsync_UnknownStationsAndChannels_EachReportedOnceAndImported()
    {
        await store.InitializeAsync();
        var lines = new[]
        {
            ItemJson(1, station: "ha-giang", channel: "ha-giang-youtube"),
            ItemJson(2, station: "ha-giang", channel: "ha-giang-youtube"),
            ItemJson(3, station: "thai-nguyen", channel: "thai-nguyen-zalo"),
            ItemJson(4, station: "ha-giang", channel: "ha-giang-youtube"),
            ItemJson(5),
        };

        var summary = await Importer(batchSize: 2).ImportAsync(WriteFile(lines), KnownStations, KnownChannels);

        summary.UnknownStations.ShouldBe(["ha-giang"]);
        summary.UnknownChannels.ShouldBe(["ha-giang-youtube", "thai-nguyen-zalo"]);
        (await store.GetStatsAsync()).Items.ShouldBe(5);
    }

    [Fact]
    public async Task ImportAsync_SamePathAsCollection_NormalisedEnrichedAndFlagged()
    {
        await store.InitializeAsync();
        var decomposed = "Thái Nguyên".Normalize(NormalizationForm.FormD);
        var path = WriteFile([ItemJson(1, title: "  " + decomposed), ObservationJson(1, 3)]);

        var summary = await Importer(enrichers: new TitleFlagger()).ImportAsync(path, KnownStations, KnownChannels);

        summary.Flags.ShouldBe(1);
        var item = (await store.ReadItemsAsync().ToListAsync()).Single();
        item.Title.ShouldBe("Thái Nguyên 1".Normalize(NormalizationForm.FormC));
        var observation = (await store.ReadObservationsAsync().ToListAsync()).Single();
        observation.Age.ShouldBe(TimeSpan.FromHours(2), "the age comes from the item's publication time");
        (await store.GetStatsAsync()).Flagged.ShouldBe(1);
    }

    [Fact]
    public void TransferJson_ItemRoundTrip_SameItemAndUtcTimesWithZ()
    {
        var item = Samples.Article("https://thainguyentv.vn/a-1.html", published: new DateTimeOffset(2026, 11, 20, 14, 33, 0, TimeSpan.FromHours(7)));

        var json = TransferJson.Write(ItemLine.From(item));
        var back = ((ItemLine)TransferJson.Read(Encoding.UTF8.GetBytes(json))).ToItem();

        json.ShouldStartWith("{\"type\":\"item\"");
        json.ShouldContain("\"publishedAt\":\"2026-11-20T07:33:00Z\"");
        back.ShouldBe(item with { PublishedAt = item.PublishedAt!.Value.ToUniversalTime(), CollectedAt = item.CollectedAt.ToUniversalTime() });
    }

    private sealed class TitleFlagger : IContentEnricher
    {
        public ContentBatch Enrich(ContentBatch batch) => batch with
        {
            Flags = [.. batch.Flags, .. batch.Items.Where(i => i.Title.Contains("Thái Nguyên", StringComparison.Ordinal)).Select(i => new Flag(i.Id, TargetKind.Item, "test:title", "low", "tên tỉnh", null, [], Samples.Collected))],
        };
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
