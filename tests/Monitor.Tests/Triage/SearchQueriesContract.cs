using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage;
using Monitor.Triage;
using static Monitor.Tests.Triage.TriageSamples;

namespace Monitor.Tests.Triage;

/// <summary>Full-text search on every store, over the same sample content; the expected hits and snippets are written out by hand.</summary>
public abstract class SearchQueriesContract : IAsyncLifetime
{
    private static readonly SnippetSegment[] NoSegments = [];

    private IContentStore store = null!;

    private ISearchQueries Search => (ISearchQueries)store;

    protected abstract Task<IContentStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        store = await CreateStoreAsync();
        await store.SaveAsync(Content);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> IdsAsync(SearchQuery query) => string.Join(' ', (await Search.SearchAsync(query)).Hits.Select(h => h.Id));

    [Theory]
    [InlineData("thai nguyen", "web:tn-1 facebook:p1", "youtube:c1 web:k1")]
    [InlineData("THÁI NGUYÊN", "web:tn-1 facebook:p1", "youtube:c1 web:k1")]
    [InlineData("dien bien", "web:tn-1", "youtube:c2")]
    [InlineData("Đại Từ", "web:tn-1", "")]
    [InlineData("dai tu, thai nguyen!", "web:tn-1", "")]
    [InlineData("lu", "facebook:p1", "")]
    [InlineData("thai binh", "", "")]
    public async Task SearchAsync_FoldedWords_EveryWordMatchesNewestFirst(string text, string items, string comments)
    {
        var itemPage = await Search.SearchAsync(new SearchQuery(text));
        var commentPage = await Search.SearchAsync(new SearchQuery(text, SearchTarget.Comments));

        string.Join(' ', itemPage.Hits.Select(h => h.Id)).ShouldBe(items);
        string.Join(' ', commentPage.Hits.Select(h => h.Id)).ShouldBe(comments);
        itemPage.ItemTotal.ShouldBe(items.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        itemPage.CommentTotal.ShouldBe(comments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        commentPage.ItemTotal.ShouldBe(itemPage.ItemTotal);
        commentPage.CommentTotal.ShouldBe(itemPage.CommentTotal);
    }

    [Fact]
    public async Task SearchAsync_ItemHit_FieldsAndMarkedSnippets()
    {
        var hit = (await Search.SearchAsync(new SearchQuery("thai nguyen"))).Hits[0];

        // Records compare lists by reference: the snippets are compared on their own.
        (hit with { TitleSnippet = NoSegments, Snippet = NoSegments }).ShouldBe(new SearchHit(
            SearchTarget.Items, Landslide.Id, Landslide.Id, "thai-nguyen", Platform.Web, Landslide.Url, Landslide.Title, "Minh Anh", Landslide.PublishedAt, NoSegments, NoSegments));
        hit.TitleSnippet.ShouldBe([new("Sạt lở đất ở ", false), new("Thái", true), new(" ", false), new("Nguyên", true)]);
        hit.Snippet.ShouldBe(
        [
            new("Mưa lớn gây sạt lở tại huyện Đại Từ, tỉnh ", false), new("Thái", true), new(" ", false), new("Nguyên", true),
            new(". Người dân ở Điện Biên cũng lo lắng.", false),
        ]);
    }

    [Fact]
    public async Task SearchAsync_CommentHit_ItsItemTitleAndMarkedText()
    {
        var hit = (await Search.SearchAsync(new SearchQuery("thai nguyen", SearchTarget.Comments))).Hits[0];

        hit.Kind.ShouldBe(SearchTarget.Comments);
        hit.Id.ShouldBe(Praise.Id);
        hit.ItemId.ShouldBe(Bridge.Id);
        hit.StationId.ShouldBe("thai-nguyen");
        hit.Platform.ShouldBe(Platform.YouTube);
        hit.Url.ShouldBe(Bridge.Url);
        hit.Title.ShouldBe(Bridge.Title);
        hit.Author.ShouldBe("Người xem");
        hit.PublishedAt.ShouldBe(Praise.PublishedAt);
        hit.TitleSnippet.ShouldBe([new("Cầu Gia Bảy nhìn từ trên cao", false)]);
        hit.Snippet.ShouldBe([new("Thái", true), new(" ", false), new("Nguyên", true), new(" đẹp quá!", false)]);
    }

    [Theory]
    [InlineData("station", "web:tn-1")]
    [InlineData("platform", "facebook:p1")]
    [InlineData("period", "facebook:p1")]
    [InlineData("no-station", "")]
    public async Task SearchAsync_ItemFilters_OnlyThoseItems(string filter, string expected)
    {
        var query = new SearchQuery("thai nguyen");
        query = filter switch
        {
            "station" => query with { Stations = ["thai-nguyen"] },
            "platform" => query with { Platform = Platform.Facebook },
            "period" => query with { From = T0.AddDays(4), To = T0.AddDays(6) }, // the undated post counts by its collection day
            _ => query with { Stations = [] },
        };

        (await IdsAsync(query)).ShouldBe(expected);
    }

    [Fact]
    public async Task SearchAsync_CommentFilters_PeriodLeavesUndatedOut()
    {
        var query = new SearchQuery("thai nguyen", SearchTarget.Comments);

        (await IdsAsync(query with { From = T0.AddDays(3), To = T0.AddDays(4) })).ShouldBe(Praise.Id);
        (await IdsAsync(query with { Stations = ["thanh-hoa"] })).ShouldBe(string.Empty);
        (await IdsAsync(query with { Platform = Platform.Web })).ShouldBe(Plain.Id);
    }

    [Fact]
    public async Task SearchAsync_PagesOfOne_EachHitOnceThenNothing()
    {
        var pages = new List<SearchPage>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await Search.SearchAsync(new SearchQuery("thai nguyen", Page: page, PageSize: 1)));
        }

        pages.Select(p => string.Join(' ', p.Hits.Select(h => h.Id))).ShouldBe([Landslide.Id, Undated.Id, string.Empty]);
        pages.ShouldAllBe(p => p.ItemTotal == 2 && p.PageSize == 1);
        (await Search.SearchAsync(new SearchQuery("thai nguyen", Page: 600, PageSize: 20))).Hits.ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchAsync_NoWords_NothingAndZeroTotals()
    {
        var page = await Search.SearchAsync(new SearchQuery(" !? "));

        page.Hits.ShouldBeEmpty();
        page.ItemTotal.ShouldBe(0);
        page.CommentTotal.ShouldBe(0);
    }

    [Fact]
    public async Task SearchAsync_ItemAndCommentEdited_FindsTheNewTextOnly()
    {
        await store.SaveAsync(ContentBatch.Empty with
        {
            Items = [Landslide with { Body = "Mưa lớn gây sạt lở tại huyện Đại Từ." }],
            Comments = [Question with { Text = "Đường lên Mộc Châu thế nào?" }],
        });

        (await IdsAsync(new SearchQuery("dien bien"))).ShouldBe(string.Empty);
        (await IdsAsync(new SearchQuery("dien bien", SearchTarget.Comments))).ShouldBe(string.Empty);
        (await IdsAsync(new SearchQuery("moc chau", SearchTarget.Comments))).ShouldBe(Question.Id);
        (await IdsAsync(new SearchQuery("dai tu"))).ShouldBe(Landslide.Id);
    }
}
