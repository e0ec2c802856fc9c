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
