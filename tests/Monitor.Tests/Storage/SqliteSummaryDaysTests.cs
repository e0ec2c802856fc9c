using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage.Queries;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Storage;

/// <summary>
/// Station totals and stats add up summary_days (kept at write time) and the part-days at a period's
/// ends; whatever the period and however items moved between days, they must equal the same sums
/// taken straight over item_summary.
/// </summary>
public sealed class SqliteSummaryDaysTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Stations = ["thai-nguyen", "cao-bang"];

    private readonly TempFolder temp = new();
    private SqliteContentStore store = null!;

    public async Task InitializeAsync()
    {
        store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), TestClock.Create());
        await store.InitializeAsync();
        var items = Enumerable.Range(0, 48).Select(Item).ToList();
        var observations = items.Where((_, n) => n % 5 != 0).SelectMany((item, n) => new[]
        {
            new Observation(item.Id, item.PublishedAt!.Value.AddHours(1), null, 100 * n, n, 2, 1),
            new Observation(item.Id, item.PublishedAt!.Value.AddHours(6), null, n % 3 == 0 ? null : 300 * n, 4 * n, 3, 1),
        }).ToList();
        await store.SaveAsync(new ContentBatch(items, observations, [], [], []));

        // Items moving to another day (and out of a part-day), and new engagement for others.
        var moved = items.Where((_, n) => n % 7 == 3).Select(i => i with { PublishedAt = i.PublishedAt!.Value.AddHours(19), Title = i.Title + " (sửa)" }).ToList();
        var later = items.Where((_, n) => n % 4 == 1).Select(i => new Observation(i.Id, i.PublishedAt!.Value.AddDays(2), null, 9000, 70, 8, 3)).ToList();
        await store.SaveAsync(new ContentBatch(moved, later, [], [], []));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => temp.Dispose();

    public static TheoryData<int?, int?, string?> Periods() => new()
    {
        { null, null, null },
        { 0, 72, null },
        { 10, 53, null },
        { 25, 40, "youtube" },
        { 30, 31, null },
        { 47, null, null },
        { null, 29, "web" },
        { 26, 27, null },

        // Vietnam midnights (17:00 UTC): read from summary_local_days.
        { 17, 65, null },
        { 41, null, "youtube" },
        { null, 41, null },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task GetStationTotalsAsync_AnyPeriod_EqualsSumsOverEveryItem(int? fromHour, int? toHour, string? platform)
    {
        var from = fromHour is { } f ? T0.AddHours(f) : (DateTimeOffset?)null;
        var to = toHour is { } t ? T0.AddHours(t) : (DateTimeOffset?)null;
        var filter = new ContentFilter(Stations, PlatformNames.TryParse(platform, out var p) ? p : null, from, to);

        var totals = await store.GetStationTotalsAsync(filter);

        var actual = totals.Select(t => $"{t.StationId} {t.Items} {t.Engagement} {t.Views} {string.Join(',', t.ItemsPerPlatform.Select(p => $"{p.Key}={p.Value}"))} {string.Join(',', t.Channels)}");
        var expected = await OracleAsync($"""
            SELECT station_id, COUNT(*), SUM(engagement), SUM(COALESCE(views, 0)),
                (SELECT group_concat(platform || '=' || n, ',') FROM (SELECT platform, COUNT(*) AS n FROM item_summary j WHERE j.station_id = i.station_id AND {Period("j", from, to, platform)} GROUP BY platform ORDER BY platform)),
                (SELECT group_concat(channel_id, ',') FROM (SELECT DISTINCT channel_id FROM item_summary j WHERE j.station_id = i.station_id AND {Period("j", from, to, platform)} ORDER BY channel_id))
            FROM item_summary i WHERE {Period("i", from, to, platform)} GROUP BY station_id ORDER BY station_id
            """);
        expected.ShouldNotBeEmpty();
        actual.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task GetDailyTotalsAsync_WholeHoursInVietnamDays_EqualsGroupingEveryItem(int? fromHour, int? toHour, string? platform)
    {
        var from = fromHour is { } f ? T0.AddHours(f) : (DateTimeOffset?)null;
        var to = toHour is { } t ? T0.AddHours(t) : (DateTimeOffset?)null;
        var filter = new ContentFilter(Stations, PlatformNames.TryParse(platform, out var p) ? p : null, from, to);

        // Whole hours: added up from summary_hours, Vietnam days read from summary_local_days, both kept as saves
        // go (items above moved between hours and days).
        var daily = await store.GetDailyTotalsAsync(filter, TimeSpan.FromHours(7));

        var actual = daily.Select(d => $"{d.StationId} {d.Platform.ToWire()} {d.Day:yyyy-MM-dd} {d.Items} {d.Engagement} {d.Views} {d.Comments} {d.Flagged}");
        var expected = await OracleAsync($"""
            SELECT station_id, platform, date(substr(at, 1, 19), '+420 minutes') AS day, COUNT(*), SUM(engagement), SUM(COALESCE(views, 0)), SUM(comments), SUM(flagged)
            FROM item_summary i WHERE {Period("i", from, to, platform)} GROUP BY station_id, platform, day ORDER BY day, station_id, platform
            """);
        expected.ShouldNotBeEmpty();
        actual.ShouldBe(expected);

        // A period that does not start on the hour is grouped from the items: the same answer for its rows.
        if (from is { } start)
        {
            var offHour = await store.GetDailyTotalsAsync(filter with { From = start.AddMinutes(-30) }, TimeSpan.FromHours(7));
            offHour.Sum(d => d.Items).ShouldBeGreaterThanOrEqualTo(daily.Sum(d => d.Items));
        }
    }

    [Fact]
    public async Task GetStatsAsync_AfterItemsMoved_EqualsSumsOverEveryItem()
    {
        var stats = await store.GetStatsAsync();

        var actual = stats.Groups.Select(g => $"{g.Station} {g.Platform} {g.Items} {g.Observations} {g.Comments} {g.Flagged} {Time(g.FirstPublished)} {Time(g.LastPublished)}");
        var expected = await OracleAsync("""
            SELECT station_id, platform, COUNT(*), SUM(observations), SUM(comments), SUM(flagged), MIN(published_at), MAX(published_at)
            FROM item_summary GROUP BY station_id, platform ORDER BY station_id, platform
            """);
        actual.ShouldBe(expected);
    }

    [Fact]
    public async Task GetChannelActivityAsync_AllTime_EqualsGroupingEveryItem()
    {
        // All time: counts from summary_days and each channel's latest collection from summary_channel_latest.
        var activity = await store.GetChannelActivityAsync(new ContentFilter(Stations, null, null, null));

        var actual = activity.Select(a => $"{a.ChannelId} {a.Platform.ToWire()} {a.Items} {SqliteTime.Write(a.LastCollectedAt)}");
        var expected = await OracleAsync("SELECT channel_id, platform, COUNT(*), MAX(collected_at) FROM item_summary GROUP BY channel_id, platform ORDER BY channel_id");
        expected.Count.ShouldBeGreaterThan(1);
        actual.ShouldBe(expected);
        (await store.GetChannelActivityAsync(new ContentFilter(Stations, Platform.YouTube, null, null))).Select(a => a.ChannelId).ShouldBe(["cao-bang-youtube", "thai-nguyen-youtube"]);
        (await store.GetChannelActivityAsync(new ContentFilter([], null, null, null))).ShouldBeEmpty();
    }

    private static Item Item(int n)
    {
        var station = Stations[n % 2];
        var (platform, kind) = n % 3 == 0 ? (Platform.YouTube, ItemKind.Video) : (Platform.Web, ItemKind.Article);
        var published = T0.AddMinutes(n * 89 + (n % 4 == 0 ? 50 : 0));
        var id = $"{platform.ToWire()}:{station}-{n}";
        return new Item(id, station, $"{station}-{platform.ToWire()}", platform, kind, $"https://example.vn/{id}", $"Tin {n}", null, null, null, published, published.AddMinutes(20));
    }

    private static string Period(string alias, DateTimeOffset? from, DateTimeOffset? to, string? platform) =>
        string.Join(" AND ", new[]
        {
            "1 = 1",
            from is { } f ? $"{alias}.at >= '{SqliteTime.Write(f)}'" : null,
            to is { } t ? $"{alias}.at < '{SqliteTime.Write(t)}'" : null,
            platform is null ? null : $"{alias}.platform = '{platform}'",
        }.OfType<string>());

    private static string Time(DateTimeOffset? time) => time is { } t ? SqliteTime.Write(t) : "";

    private Task<List<string>> OracleAsync(string sql) => SqliteRows.ReadAsync(store.Path, sql);
}
