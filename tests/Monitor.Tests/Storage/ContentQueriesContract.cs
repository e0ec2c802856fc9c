using System.Text;
using Monitor.Pipeline;
using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Elasticsearch;
using Monitor.Tests.Support;
using Monitor.Transfer;

namespace Monitor.Tests.Storage;

/// <summary>
/// The same query and transfer cases on every store: each subclass only says how to make an empty
/// store. The expected answers are written out by hand, so both stores must give exactly these.
/// </summary>
public abstract class ContentQueriesContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Item Article = new("web:tn-1", "thai-nguyen", "thai-nguyen-web", Platform.Web, ItemKind.Article, "https://baothainguyen.vn/tin-1.html",
        "Khánh thành cầu Gia Bảy mới", "Sáng nay, tỉnh khánh thành cầu.", "Minh Anh", "Thời sự", T0.AddHours(1), T0.AddHours(2));

    private static readonly Item Video = new("youtube:v1", "thai-nguyen", "thai-nguyen-youtube", Platform.YouTube, ItemKind.Video, "https://www.youtube.com/watch?v=v1",
        "Cầu Gia Bảy nhìn từ trên cao", null, null, null, T0.AddDays(3), T0.AddDays(3).AddHours(1));

    private static readonly Item Undated = new("facebook:p1", "thanh-hoa", "thanh-hoa-facebook", Platform.Facebook, ItemKind.Post, "https://www.facebook.com/p1",
        "Bài đăng không rõ ngày", null, null, null, null, T0.AddDays(5));

    private static readonly Observation[] Observations =
    [
        new(Video.Id, T0.AddDays(3).AddHours(5), TimeSpan.FromHours(4), 900, 40, 5, 1),
        new(Video.Id, T0.AddDays(3).AddHours(2), TimeSpan.FromHours(1), 100, 4, null, null),
        new(Article.Id, T0.AddHours(3), null, null, 7, 2, 0),
    ];

    private static readonly Comment[] Comments =
    [
        .. Enumerable.Range(1, 5).Select(i => new Comment($"youtube:c{i}", Video.Id, Platform.YouTube, i == 2 ? "youtube:c1" : null, $"Người xem {i}", $"Bình luận số {i}", T0.AddDays(3).AddHours(i), i)),
        new Comment("web:k1", Article.Id, Platform.Web, null, null, "Tin vui!", null, null),
    ];

    private IContentStore store = null!;

    protected abstract Task<IContentStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        store = await CreateStoreAsync();
        await store.SaveAsync(new ContentBatch([Article, Video, Undated], Observations, Comments, [], []));
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetItemAsync_KnownAndUnknown_WholeItemOrNull()
    {
        (await store.GetItemAsync(Article.Id)).ShouldBe(Article);
        (await store.GetItemAsync("web:khong-co")).ShouldBeNull();
    }

    [Fact]
    public async Task GetObservationsAsync_OneItem_OldestFirst()
    {
        (await store.GetObservationsAsync(Video.Id)).ShouldBe([Observations[1], Observations[0]]);
    }

    [Fact]
    public async Task GetCommentsAsync_PagesOfTwo_ByIdWithoutRepeats()
    {
        var first = await store.GetCommentsAsync(Video.Id, null, 2);
        var second = await store.GetCommentsAsync(Video.Id, first[^1].Id, 2);
        var last = await store.GetCommentsAsync(Video.Id, second[^1].Id, 2);

        first.Select(c => c.Id).ShouldBe(["youtube:c1", "youtube:c2"]);
        second.Select(c => c.Id).ShouldBe(["youtube:c3", "youtube:c4"]);
        last.ShouldBe([Comments[4]]);
    }

    [Theory]
    [InlineData(null, null, null, null, "facebook:p1 web:tn-1 youtube:v1")]
    [InlineData("thai-nguyen", null, null, null, "web:tn-1 youtube:v1")]
    [InlineData(null, Platform.YouTube, null, null, "youtube:v1")]
    [InlineData(null, null, 2, 6, "facebook:p1 youtube:v1")] // the undated post counts by its collection day
    [InlineData(null, null, 0, 3, "web:tn-1")] // [from, to): published on day 3 is out
    public async Task ReadItemPageAsync_Filters_OnlyThoseItemsInIdOrder(string? station, Platform? platform, int? fromDay, int? toDay, string expected)
    {
        var filter = new ContentFilter(station is null ? null : [station], platform, fromDay is { } f ? T0.AddDays(f) : null, toDay is { } t ? T0.AddDays(t) : null);

        var ids = new List<string>();
        string? after = null;
        while (await store.ReadItemPageAsync(filter, after, 1) is { Count: > 0 } page)
        {
            ids.AddRange(page.Select(i => i.Id));
            after = page[^1].Id;
        }

        string.Join(' ', ids).ShouldBe(expected);
    }

    [Fact]
    public async Task ReadObservationsAndCommentsOf_TwoItems_ByItemThenTimeOrId()
    {
        (await store.ReadObservationsOfAsync([Video.Id, Article.Id])).ShouldBe([Observations[2], Observations[1], Observations[0]]);
        (await store.ReadCommentsOfAsync([Video.Id, Article.Id])).Select(c => c.Id).ShouldBe(["web:k1", "youtube:c1", "youtube:c2", "youtube:c3", "youtube:c4", "youtube:c5"]);
        (await store.ReadCommentsOfAsync([])).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetTopItemsAsync_NothingScored_ByLatestEngagementThenLimit()
    {
        (await store.GetTopItemsAsync(ContentFilter.All, 10)).Select(i => (i.Id, i.Engagement, i.Views)).ShouldBe(
            [(Video.Id, 46L, (long?)900), (Article.Id, 9L, null), (Undated.Id, 0L, null)]);
        (await store.GetTopItemsAsync(ContentFilter.All, 1)).Select(i => i.Id).ShouldBe([Video.Id]);
        (await store.GetTopItemsAsync(ContentFilter.ForStation("thanh-hoa"), 10)).Select(i => i.Id).ShouldBe([Undated.Id]);
        (await store.GetTopItemsAsync(new ContentFilter([]), 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetTopItemsAsync_ItemsScoredAcrossTwoSaves_BestScoreFirstThenUnscoredByEngagement()
    {
        await SaveScoredSeriesAsync();

        var top = await store.GetTopItemsAsync(ContentFilter.ForStation("thai-nguyen"), 10);

        top.Select(i => i.Id).ShouldBe(["youtube:s4", "youtube:s5", Video.Id, "youtube:s3", "youtube:s2", "youtube:s1", Article.Id]);
        top[0].Score1h.ShouldBe(3);
        top[1].Score1h.ShouldBe(-5);
        top.Skip(2).ShouldAllBe(i => i.Score1h == null && i.Score24h == null && i.Score7d == null);
        top[0].ShouldBe(new ItemSummary("youtube:s4", "thai-nguyen", "thai-nguyen-phong-su", Platform.YouTube, ItemKind.Video, "https://www.youtube.com/watch?v=s4",
            "Phóng sự số 4", T0.AddDays(14), T0.AddDays(14).AddHours(2), 60, 1000, 3, null, null));
    }

    [Fact]
    public async Task GetStationTotalsAsync_WholeStoreAndPeriod_PerStationTotals()
    {
        var all = await store.GetStationTotalsAsync(ContentFilter.All);
        var period = await store.GetStationTotalsAsync(new ContentFilter(null, null, T0.AddDays(2), T0.AddDays(6)));

        all.Select(Describe).ShouldBe([
            "thai-nguyen 2 55 900 web=1,youtube=1 thai-nguyen-web,thai-nguyen-youtube - 0",
            "thanh-hoa 1 0 0 facebook=1 thanh-hoa-facebook - 0"]);
        period.Select(Describe).ShouldBe([
            "thai-nguyen 1 46 900 youtube=1 thai-nguyen-youtube - 0",
            "thanh-hoa 1 0 0 facebook=1 thanh-hoa-facebook - 0"]);
        (await store.GetStationTotalsAsync(new ContentFilter(null, Platform.Web, T0.AddHours(1).AddMinutes(30), T0.AddDays(1)))).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetStationTotalsAsync_TwoScoredItems_MedianOfTheirRatios()
    {
        await SaveScoredSeriesAsync();

        var totals = (await store.GetStationTotalsAsync(ContentFilter.ForStation("thai-nguyen"))).ShouldHaveSingleItem();

        totals.Items.ShouldBe(7);
        totals.ScoredItems.ShouldBe(2);
        totals.MedianScore!.Value.ShouldBe(1.6, 1e-9); // ratios 3 and 1/5
        totals.ItemsPerPlatform.ShouldBe(new Dictionary<string, int> { ["web"] = 1, ["youtube"] = 6 });
    }

    [Fact]
    public async Task GetStoryCandidatesAsync_FilterAndIds_FirstStoredOrderWithLinkKeys()
    {
        var all = await store.GetStoryCandidatesAsync(ContentFilter.All);
        var byId = await store.GetStoryCandidatesByIdAsync([Undated.Id, "web:khong-co", Article.Id]);

        all.Select(c => c.Item.Id).ShouldBe([Article.Id, Video.Id, Undated.Id]);
        all[0].LinkKeys.ShouldBe(StoryUrl.KeysOf(Article.Url, Article.Title, Article.Body), ignoreOrder: true);
        all[0].Item.Engagement.ShouldBe(9);
        byId.Select(c => c.Item.Id).ShouldBe([Article.Id, Undated.Id]);
        (await store.GetStoryCandidatesByIdAsync([])).ShouldBeEmpty();
        (await store.GetStoryCandidatesAsync(ContentFilter.ForStation("thanh-hoa"))).Select(c => c.Item.Id).ShouldBe([Undated.Id]);
    }

    [Fact]
    public async Task GetItemsSharingLinksAsync_ALinkInABody_BothItemsInFirstStoredOrder()
    {
        var quoting = new Item("facebook:p2", "thai-nguyen", "thai-nguyen-facebook", Platform.Facebook, ItemKind.Post, "https://www.facebook.com/p2",
            "Chia sẻ bài báo", "Đọc tại https://www.baothainguyen.vn/tin-1.html?utm_source=fb", null, null, T0.AddHours(4), T0.AddHours(5));
        await store.SaveAsync(new ContentBatch([quoting], [], [], [], []));

        var sharing = await store.GetItemsSharingLinksAsync([StoryUrl.Canonical(Article.Url)!]);

        sharing.Select(c => c.Item.Id).ShouldBe([Article.Id, quoting.Id]);
        (await store.GetItemsSharingLinksAsync(["https://khong-ai-dan.vn/x"])).ShouldBeEmpty();
        (await store.GetItemsSharingLinksAsync([])).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetTitledItemsAsync_Filters_TitlesReachAndPublication()
    {
        var all = (await store.GetTitledItemsAsync(ContentFilter.All)).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var november3On = await store.GetTitledItemsAsync(new ContentFilter(["thai-nguyen"], null, T0.AddDays(2), T0.AddDays(4)));

        all.ShouldBe(
        [
            new TitledItem(Undated.Id, "thanh-hoa", Platform.Facebook, null, 0, null, Undated.Title),
            new TitledItem(Article.Id, "thai-nguyen", Platform.Web, Article.PublishedAt, 9, null, Article.Title),
            new TitledItem(Video.Id, "thai-nguyen", Platform.YouTube, Video.PublishedAt, 46, 900, Video.Title),
        ]);
        november3On.Select(t => t.Id).ShouldBe([Video.Id]);
        (await store.GetTitledItemsAsync(new ContentFilter([], null, null, null))).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetSharedLinksAsync_ALinkInABodyAndOneOutsideThePeriod_OnlyKeysTwoItemsOfTheFilterCarry()
    {
        var quoting = new Item("facebook:p2", "thai-nguyen", "thai-nguyen-facebook", Platform.Facebook, ItemKind.Post, "https://www.facebook.com/p2",
            "Chia sẻ bài báo", "Đọc tại https://www.baothainguyen.vn/tin-1.html?utm_source=fb", null, null, T0.AddHours(4), T0.AddHours(5));
        var late = new Item("facebook:p3", "thai-nguyen", "thai-nguyen-facebook", Platform.Facebook, ItemKind.Post, "https://www.facebook.com/p3",
            "Nhắc lại tin cũ", "Xem lại https://baothainguyen.vn/tin-1.html", null, null, T0.AddDays(20), T0.AddDays(20));
        await store.SaveAsync(new ContentBatch([quoting, late], [], [], [], []));
        var key = StoryUrl.Canonical(Article.Url)!;

        var everything = await store.GetSharedLinksAsync(ContentFilter.All);
        var firstWeek = await store.GetSharedLinksAsync(new ContentFilter(null, null, T0, T0.AddDays(7)));
        var onlyFacebook = await store.GetSharedLinksAsync(new ContentFilter(null, Platform.Facebook, null, null));

        static string Text(IReadOnlyList<SharedLink> links) => string.Join('|', links.Select(l => $"{l.LinkKey} {string.Join(',', l.ItemIds)}"));
        Text(everything).ShouldBe($"{key} {quoting.Id},{late.Id},{Article.Id}");
        Text(firstWeek).ShouldBe($"{key} {quoting.Id},{Article.Id}");
        Text(onlyFacebook).ShouldBe($"{key} {quoting.Id},{late.Id}");
        (await store.GetSharedLinksAsync(ContentFilter.ForStation("thanh-hoa"))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(7, "2026-11-01 thai-nguyen web 1 9 0 1 2|2026-11-04 thai-nguyen youtube 1 46 900 5 0|2026-11-06 thanh-hoa facebook 1 0 0 0 0")]
    [InlineData(-7, "2026-10-31 thai-nguyen web 1 9 0 1 2|2026-11-03 thai-nguyen youtube 1 46 900 5 0|2026-11-05 thanh-hoa facebook 1 0 0 0 0")]
    public async Task GetDailyTotalsAsync_LocalDays_PerStationPlatformAndDay(int offsetHours, string expected)
    {
        await SaveLabelsAndFlagsAsync();

        var days = await store.GetDailyTotalsAsync(ContentFilter.All, TimeSpan.FromHours(offsetHours));

        string.Join('|', days.Select(d => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{d.Day:yyyy-MM-dd} {d.StationId} {d.Platform.ToWire()} {d.Items} {d.Engagement} {d.Views} {d.Comments} {d.Flagged}"))).ShouldBe(expected);
    }

    [Fact]
    public async Task GetLatestItemsAsync_PagesOfTwo_NewestFirstWithoutRepeats()
    {
        var first = await store.GetLatestItemsAsync(ContentFilter.All, null, 2);
        var second = await store.GetLatestItemsAsync(ContentFilter.All, new ItemCursor(first[^1].PublishedAt ?? first[^1].CollectedAt, first[^1].Id), 2);

        first.Select(i => i.Id).ShouldBe([Undated.Id, Video.Id]);
        second.Select(i => i.Id).ShouldBe([Article.Id]);
        (await store.GetLatestItemsAsync(new ContentFilter(null, Platform.Facebook), null, 5)).Select(i => i.Id).ShouldBe([Undated.Id]);
    }

    [Fact]
    public async Task GetCommentMoodAsync_Labels_NegativeAndToxicByFilter()
    {
        await SaveLabelsAndFlagsAsync();

        (await store.GetCommentMoodAsync(ContentFilter.All)).ShouldBe(new CommentMood(6, 2, 1));
        (await store.GetCommentMoodAsync(new ContentFilter(null, Platform.YouTube))).ShouldBe(new CommentMood(5, 1, 1));
        (await store.GetCommentMoodAsync(ContentFilter.ForStation("thanh-hoa"))).ShouldBe(new CommentMood(0, 0, 0));

        // A newer model labels a comment negative and hateful in a later save: it counts once, whatever the older label said.
        await store.SaveAsync(new ContentBatch([], [], [], [
            new Assessment("youtube:c2", TargetKind.Comment, "sentiment", "negative", 0.8, "phobert-2"),
            new Assessment("youtube:c2", TargetKind.Comment, "toxicity", "hate", 0.7, "phobert-2"),
            new Assessment("youtube:c1", TargetKind.Comment, "sentiment", "negative", 0.9, "phobert-2")], []));
        (await store.GetCommentMoodAsync(new ContentFilter(null, Platform.YouTube))).ShouldBe(new CommentMood(5, 2, 2));
    }

    [Fact]
    public async Task GetChannelActivityAsync_WholeStore_PerChannelInIdOrder()
    {
        (await store.GetChannelActivityAsync(ContentFilter.All)).ShouldBe([
            new ChannelActivity("thai-nguyen-web", Platform.Web, 1, Article.CollectedAt),
            new ChannelActivity("thai-nguyen-youtube", Platform.YouTube, 1, Video.CollectedAt),
            new ChannelActivity("thanh-hoa-facebook", Platform.Facebook, 1, Undated.CollectedAt)]);
        (await store.GetChannelActivityAsync(ContentFilter.ForStation("thanh-hoa"))).Select(c => c.ChannelId).ShouldBe(["thanh-hoa-facebook"]);
    }

    [Fact]
    public async Task GetAssessmentsAsync_SomeTargets_TheirLabelsByTargetAndTask()
    {
        await SaveLabelsAndFlagsAsync();

        (await store.GetAssessmentsAsync(["youtube:c2", "youtube:c1", "khong-co"])).ShouldBe([Labels[0], Labels[1], Labels[2]]);
        (await store.GetAssessmentsAsync([])).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetFlagsOfItemAsync_ItemAndCommentFlagged_NewestFirst()
    {
        await SaveLabelsAndFlagsAsync();

        var flags = await store.GetFlagsOfItemAsync(Article.Id);

        // Evidence is a list: compared by its items, the rest of the flag as a record.
        flags.Select(f => (f.ItemId, f.StationId, f.Flag with { Evidence = [] }, string.Join('|', f.Flag.Evidence))).ShouldBe([
            (Article.Id, "thai-nguyen", Flags[1] with { Evidence = [] }, string.Empty),
            (Article.Id, "thai-nguyen", Flags[0] with { Evidence = [] }, "sạt lở")]);
        flags.Select(f => f.Id).Distinct().Count().ShouldBe(2);
        (await store.GetFlagsOfItemAsync(Video.Id)).ShouldBeEmpty();
        (await store.GetFlagsOfItemAsync("web:khong-co")).ShouldBeEmpty();
    }

    private static readonly Assessment[] Labels =
    [
        new("youtube:c1", TargetKind.Comment, "sentiment", "negative", 0.9, "phobert-1"),
        new("youtube:c1", TargetKind.Comment, "toxicity", "offensive", 0.8, "phobert-1"),
        new("youtube:c2", TargetKind.Comment, "sentiment", "positive", 0.7, "phobert-1"),
        new("web:k1", TargetKind.Comment, "sentiment", "NEGATIVE", 0.6, "phobert-1"),
        new(Article.Id, TargetKind.Item, "sentiment", "negative", 0.6, "phobert-1"),
    ];

    private static readonly Flag[] Flags =
    [
        new(Article.Id, TargetKind.Item, "keywords", "high", "Từ khoá: sạt lở", null, ["sạt lở"], T0.AddDays(1)),
        new("web:k1", TargetKind.Comment, "toxicity", "medium", "Bình luận xúc phạm", 0.8, [], T0.AddDays(2)),
    ];

    /// <summary>Labels on comments and the article, a flag on the article and one on its comment.</summary>
    private Task<SaveResult> SaveLabelsAndFlagsAsync() => store.SaveAsync(new ContentBatch([], [], [], Labels, Flags));

    /// <summary>
    /// Five videos of a channel of their own a day apart, engagement at 1 h 10, 20, 30, 60 and 5: the fourth is
    /// 60 against the mean 20 of three (+3), the fifth 5 against the trimmed mean 25 of four (−5). The
    /// last two are saved first, so their scores only come right when the earlier ones arrive.
    /// </summary>
    private async Task SaveScoredSeriesAsync()
    {
        long[] values = [10, 20, 30, 60, 5];
        var items = Enumerable.Range(1, 5).Select(i => new Item($"youtube:s{i}", "thai-nguyen", "thai-nguyen-phong-su", Platform.YouTube, ItemKind.Video,
            $"https://www.youtube.com/watch?v=s{i}", $"Phóng sự số {i}", null, null, null, T0.AddDays(10 + i), T0.AddDays(10 + i).AddHours(2))).ToList();
        var observations = items.Select((item, i) => new Observation(item.Id, item.PublishedAt!.Value.AddHours(1), TimeSpan.FromHours(1), 1000, values[i], 0, 0)).ToList();
        await store.SaveAsync(new ContentBatch(items[3..], observations[3..], [], [], []));
        await store.SaveAsync(new ContentBatch(items[..3], observations[..3], [], [], []));
    }

    private static string Describe(StationTotals t) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{t.StationId} {t.Items} {t.Engagement} {t.Views} {string.Join(',', t.ItemsPerPlatform.Select(p => $"{p.Key}={p.Value}"))} {string.Join(',', t.Channels)} {t.MedianScore?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {t.ScoredItems}");

    [Fact]
    public async Task ContentExport_WholeStore_SameLinesOnEveryStore()
    {
        using var output = new MemoryStream();

        var summary = await new ContentExport(store, pageSize: 2).WriteNdjsonAsync(ContentFilter.All, output);

        summary.ShouldBe(new ExportSummary(3, 3, 6));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(12);
        lines[0].ShouldStartWith("""{"type":"item","id":"facebook:p1",""");
        lines[1].ShouldStartWith("""{"type":"item","id":"web:tn-1",""");
        lines[2].ShouldBe("""{"type":"observation","itemId":"web:tn-1","observedAt":"2026-11-01T03:00:00Z","views":null,"reactions":7,"comments":2,"shares":0}""");
        lines[3].ShouldBe("""{"type":"comment","id":"web:k1","itemId":"web:tn-1","platform":"web","parentId":null,"author":null,"text":"Tin vui!","publishedAt":null,"likes":null}""");
        lines[4].ShouldStartWith("""{"type":"item","id":"youtube:v1",""");
    }
}

public sealed class SqliteContentQueriesTests : ContentQueriesContract, IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    protected override async Task<IContentStore> CreateStoreAsync()
    {
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), TestClock.Create());
        await store.InitializeAsync();
        return store;
    }
}

public sealed class ElasticsearchContentQueriesTests : ContentQueriesContract
{
    private ElasticsearchFixture? fixture;

    protected override async Task<IContentStore> CreateStoreAsync()
    {
        fixture = await ElasticsearchFixture.StartAsync();
        return await fixture.InitializedStoreAsync();
    }

    public override async Task DisposeAsync()
    {
        if (fixture is not null)
        {
            await fixture.DisposeAsync();
        }
    }
}
