using System.Text;
using System.Text.Json;
using Monitor.Pipeline;
using Monitor.Domain;
using Monitor.Storage.Queries;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Reporting.Support;
using Monitor.Tests.Support;
using Monitor.Transfer;

namespace Monitor.Tests.Transfer;

public sealed class ExportTests : IDisposable
{
    private static readonly DateTimeOffset Published = new(2026, 11, 1, 0, 30, 0, TimeSpan.Zero);

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static readonly Item Video = new(
        "youtube:abc", "thai-nguyen", "thai-nguyen-youtube", Platform.YouTube, ItemKind.Video, "https://www.youtube.com/watch?v=abc",
        "Khánh thành cầu \"Gia Bảy\", mới", null, null, null, Published, Published.AddHours(2).AddTicks(1234567));

    private async Task<SqliteContentStore> StoreAsync(string name = "monitor.db")
    {
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File(name)), TestClock.Create());
        await store.InitializeAsync();
        return store;
    }

    private async Task<SqliteContentStore> VideoStoreAsync()
    {
        var store = await StoreAsync();
        await store.SaveAsync(new ContentBatch(
            [Video],
            [new Observation(Video.Id, Published.AddHours(1), null, 1, 2, 3, 4), new Observation(Video.Id, Published.AddHours(5), null, 10, null, 30, 40)],
            [new Comment("youtube:c1", Video.Id, Platform.YouTube, null, "Bà Lan", "Cầu đẹp quá, cảm ơn!", Published.AddHours(3), 0)],
            [],
            []));
        return store;
    }

    [Fact]
    public async Task WriteNdjsonAsync_OneVideo_LinesExactlyInTheDocumentedFormat()
    {
        var store = await VideoStoreAsync();
        using var output = new MemoryStream();

        var summary = await new ContentExport(store).WriteNdjsonAsync(ContentFilter.All, output);

        summary.ShouldBe(new ExportSummary(1, 2, 1));
        Encoding.UTF8.GetString(output.ToArray()).Split('\n').ShouldBe(
        [
            """{"type":"item","id":"youtube:abc","stationId":"thai-nguyen","channelId":"thai-nguyen-youtube","platform":"youtube","kind":"video","url":"https://www.youtube.com/watch?v=abc","title":"Khánh thành cầu \"Gia Bảy\", mới","body":null,"author":null,"category":null,"publishedAt":"2026-11-01T00:30:00Z","collectedAt":"2026-11-01T02:30:00.1234567Z","language":"vi"}""",
            """{"type":"observation","itemId":"youtube:abc","observedAt":"2026-11-01T01:30:00Z","views":1,"reactions":2,"comments":3,"shares":4}""",
            """{"type":"observation","itemId":"youtube:abc","observedAt":"2026-11-01T05:30:00Z","views":10,"reactions":null,"comments":30,"shares":40}""",
            """{"type":"comment","id":"youtube:c1","itemId":"youtube:abc","platform":"youtube","parentId":null,"author":"Bà Lan","text":"Cầu đẹp quá, cảm ơn!","publishedAt":"2026-11-01T03:30:00Z","likes":0}""",
            string.Empty,
        ]);
    }

    [Fact]
    public void TransferLines_ReadBack_SameDomainRecords()
    {
        var line = JsonSerializer.Deserialize<TransferLine>(JsonSerializer.Serialize<TransferLine>(ItemLine.From(Video), TransferJson.Options), TransferJson.Options);
        var typeLast = JsonSerializer.Deserialize<TransferLine>("""{"itemId":"youtube:abc","observedAt":"2026-11-01T08:30:00+07:00","views":null,"reactions":5,"comments":null,"shares":null,"type":"observation"}""", TransferJson.Options);

        line.ShouldBeOfType<ItemLine>().ToItem().ShouldBe(Video);
        typeLast.ShouldBeOfType<ObservationLine>().ToObservation(publishedAt: null).ShouldBe(new Observation("youtube:abc", new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.Zero), null, null, 5, null, null));
        Should.Throw<FormatException>(() => new ItemLine("x", "s", "c", "myspace", "video", "u", "t", null, null, null, null, Published, "vi").ToItem());
    }

    [Fact]
    public async Task WriteNdjsonAsync_SmallPages_EveryRowOnceEachAfterItsItem()
    {
        var store = await StoreAsync();
        await new ReportWorld(5, itemsPerStation: 40).SaveAsync(store);
        var stats = await store.GetStatsAsync();
        using var output = new MemoryStream();

        var summary = await new ContentExport(store, pageSize: 7).WriteNdjsonAsync(ContentFilter.All, output);

        summary.ShouldBe(new ExportSummary(stats.Items, stats.Observations, stats.Comments));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var observations = 0;
        foreach (var text in Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (JsonSerializer.Deserialize<TransferLine>(text, TransferJson.Options))
            {
                case ItemLine item:
                    seen.Add(item.Id).ShouldBeTrue($"{item.Id} written twice");
                    current = item.Id;
                    break;
                case ObservationLine observation:
                    observation.ItemId.ShouldBe(current);
                    observations++;
                    break;
                default:
                    throw new ShouldAssertException("unexpected line " + text);
            }
        }

        seen.Count.ShouldBe((int)stats.Items);
        observations.ShouldBe((int)stats.Observations);
    }

    [Fact]
    public async Task WriteNdjsonAsync_StationPlatformAndPeriod_OnlyThoseItems()
    {
        var store = await StoreAsync();
        var world = new ReportWorld(6, itemsPerStation: 90);
        await world.SaveAsync(store);
        var from = ReportWorld.Start.AddDays(10);
        var to = ReportWorld.Start.AddDays(70);
        var stored = await store.ReadItemsAsync().ToListAsync();
        var expected = stored.Where(i => i.StationId == "lang-son" && i.Platform == Platform.Facebook && (i.PublishedAt ?? i.CollectedAt) >= from && (i.PublishedAt ?? i.CollectedAt) < to)
            .Select(i => i.Id).Order(StringComparer.Ordinal).ToList();
        using var output = new MemoryStream();

        await new ContentExport(store, pageSize: 3).WriteNdjsonAsync(new ContentFilter(["lang-son"], Platform.Facebook, from, to), output);

        expected.Count.ShouldBeGreaterThan(2);
        Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<TransferLine>(l, TransferJson.Options)).OfType<ItemLine>().Select(i => i.Id)
            .ShouldBe(expected);
    }

    [Fact]
    public async Task WriteCsvAsync_OneVideo_ThreeFilesUtf8WithBomQuotedWhereNeeded()
    {
        var store = await VideoStoreAsync();
        var folder = temp.File("csv");

        await new ContentExport(store).WriteCsvAsync(ContentFilter.All, folder);

        foreach (var name in new[] { ContentExport.ItemsFile, ContentExport.ObservationsFile, ContentExport.CommentsFile })
        {
            (await File.ReadAllBytesAsync(Path.Combine(folder, name)))[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, name);
        }

        (await File.ReadAllTextAsync(Path.Combine(folder, ContentExport.ItemsFile))).ShouldBe(
            "id,stationId,channelId,platform,kind,url,title,body,author,category,publishedAt,collectedAt,language\r\n" +
            "youtube:abc,thai-nguyen,thai-nguyen-youtube,youtube,video,https://www.youtube.com/watch?v=abc,\"Khánh thành cầu \"\"Gia Bảy\"\", mới\",,,,2026-11-01T00:30:00Z,2026-11-01T02:30:00.1234567Z,vi\r\n");
        (await File.ReadAllTextAsync(Path.Combine(folder, ContentExport.ObservationsFile))).ShouldBe(
            "itemId,observedAt,views,reactions,comments,shares\r\n" +
            "youtube:abc,2026-11-01T01:30:00Z,1,2,3,4\r\n" +
            "youtube:abc,2026-11-01T05:30:00Z,10,,30,40\r\n");
        (await File.ReadAllTextAsync(Path.Combine(folder, ContentExport.CommentsFile))).ShouldBe(
            "id,itemId,platform,parentId,author,text,publishedAt,likes\r\n" +
            "youtube:c1,youtube:abc,youtube,,Bà Lan,\"Cầu đẹp quá, cảm ơn!\",2026-11-01T03:30:00Z,0\r\n");
    }

    [Fact]
    public async Task Export_CommandLine_WritesTheFileAndSaysHowMuch()
    {
        var store = await VideoStoreAsync();
        var outPath = temp.File("out/all.ndjson");

        var (exitCode, output, error) = await CliRun.InvokeAsync("export", "--format", "ndjson", "--station", "thai-nguyen", "--out", outPath, "--db", store.Path, "--pipelines", RepositoryPaths.Pipelines);

        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        output.ShouldContain("Exported 1 items, 2 observations, 1 comments");
        (await File.ReadAllLinesAsync(outPath)).Length.ShouldBe(4);
        var (badExit, _, badError) = await CliRun.InvokeAsync("export", "--format", "xlsx", "--out", outPath, "--db", store.Path, "--pipelines", RepositoryPaths.Pipelines);
        badExit.ShouldNotBe(0);
        badError.ShouldContain("--format must be ndjson or csv");
    }
}
