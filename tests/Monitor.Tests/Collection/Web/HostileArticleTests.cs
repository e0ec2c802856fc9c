using System.Text;
using Monitor.Collection.Web;

namespace Monitor.Tests.Collection.Web;

/// <summary>
/// Issue 11, cases 2 and 3: an article that redirects somewhere no crawler may go, declares a charset
/// .NET refuses, or redirects onto another station's site is that article's failure - remembered so it
/// is not fetched every run - and never the channel's.
/// </summary>
public sealed class HostileArticleTests
{
    private static string Article(string title) => $$"""
        <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{title}}</title>
        <meta property="article:published_time" content="2026-11-20T08:00:00+07:00"></head>
        <body><article><h1>{{title}}</h1>
        <p>Sáng nay, tại trung tâm hành chính tỉnh, lãnh đạo tỉnh đã gặp mặt các đại biểu tiêu biểu của phong trào thi đua năm 2026.</p>
        <p>Phát biểu tại buổi gặp mặt, đồng chí Chủ tịch UBND tỉnh ghi nhận những đóng góp của các tập thể và cá nhân trong năm qua.</p>
        <p>Dịp này, 25 tập thể và 40 cá nhân được tặng bằng khen vì đã có thành tích xuất sắc trong công tác chuyên môn.</p>
        </article></body></html>
        """;

    private static string Home(params string[] links) =>
        "<html><body>" + string.Concat(links.Select(l => $"<a href=\"{l}\">Tin bài số {l.Length}</a>")) + "</body></html>";

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/bai.html")]
    [InlineData("javascript:alert(1)")]
    public async Task CollectAsync_ArticleRedirectsToAnotherScheme_OnlyThatArticleFails(string target)
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Set("/", Home("/bai-10001.html", "/bai-10002.html"));
        site.Redirect("/bai-10001.html", target);
        site.Set("/bai-10002.html", Article("Gặp mặt điển hình tiên tiến năm 2026"));
        await using var harness = new WebCollectionHarness();

        var items = await harness.CollectAsync("x", WebCollectionHarness.Channel("x", site.BaseUrl, null));

        items.Select(i => i.Item.Title).ShouldBe(["Gặp mặt điển hình tiên tiến năm 2026"]);
    }

    [Fact]
    public async Task CollectAsync_PageDeclaresUtf7_IsReadByTheNextClueAndTheOthersCollected()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Set("/", Home("/bai-10001.html", "/bai-10002.html"));
        site.SetBytes("/bai-10001.html", Encoding.UTF8.GetBytes(Article("Trang khai báo UTF-7")), "text/html; charset=utf-7");
        site.Set("/bai-10002.html", Article("Gặp mặt điển hình tiên tiến năm 2026"));
        await using var harness = new WebCollectionHarness();

        var items = await harness.CollectAsync("x", WebCollectionHarness.Channel("x", site.BaseUrl, null));

        items.Select(i => i.Item.Title).ShouldBe(["Trang khai báo UTF-7", "Gặp mặt điển hình tiên tiến năm 2026"], ignoreOrder: true);
    }

    [Fact]
    public async Task CollectAsync_FailedArticle_WaitsBeforeItsNextTryThenIsFetchedAgain()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Set("/", Home("/bai-10001.html", "/bai-10002.html"));
        site.Redirect("/bai-10001.html", "file:///etc/passwd");
        site.Set("/bai-10002.html", Article("Gặp mặt điển hình tiên tiến năm 2026"));
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel("x", site.BaseUrl, null);
        await harness.CollectAsync("x", channel);

        await harness.CollectAsync("x", channel);
        site.CountOf("/bai-10001.html").ShouldBe(1);

        harness.Clock.Advance(FailedUrl.Backoff(1) + TimeSpan.FromMinutes(1));
        site.Set("/bai-10001.html", Article("Bài đã sửa đường dẫn"));
        site.Redirect("/bai-10001.html", "/bai-10001-moi.html");
        site.Set("/bai-10001-moi.html", Article("Bài đã sửa đường dẫn"));
        var later = await harness.CollectAsync("x", channel);

        later.Select(i => i.Item.Title).ShouldBe(["Bài đã sửa đường dẫn"]);
        (await harness.Get<ICrawlState>().LoadFailuresAsync(channel.Id)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(20, 168)]
    public void FailureBackoff_DoublesFromAnHourUpToAWeek(int failures, int hours) =>
        FailedUrl.Backoff(failures).ShouldBe(TimeSpan.FromHours(hours));

    [Fact]
    public async Task CollectAsync_RedirectToAnotherStationsSite_CreatesNoItemForThisStation()
    {
        await using var own = await LoopbackSite.StartAsync();
        await using var other = await LoopbackSite.StartAsync();
        other.Set("/bai-20001.html", Article("Tin của đài bạn"));
        own.Set("/", Home("/bai-10001.html", "/bai-10002.html"));
        own.Redirect("/bai-10001.html", new Uri(other.BaseUrl, "/bai-20001.html").AbsoluteUri);
        own.Set("/bai-10002.html", Article("Gặp mặt điển hình tiên tiến năm 2026"));
        await using var harness = new WebCollectionHarness();

        var items = await harness.CollectAsync("a", WebCollectionHarness.Channel("a", own.BaseUrl, null));

        items.Select(i => i.Item.Title).ShouldBe(["Gặp mặt điển hình tiên tiến năm 2026"]);
        items.ShouldAllBe(i => i.Item.Url.StartsWith(own.BaseUrl.AbsoluteUri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_RedirectToAnAliasHostOfTheSameStation_IsFollowed()
    {
        await using var old = await LoopbackSite.StartAsync();
        await using var merged = await LoopbackSite.StartAsync();
        merged.Set("/bai-20001.html", Article("Tin sau sáp nhập"));
        old.Set("/", Home("/bai-10001.html"));
        old.Redirect("/bai-10001.html", new Uri(merged.BaseUrl, "/bai-20001.html").AbsoluteUri);
        await using var harness = new WebCollectionHarness();
        // Both loopback sites share the host 127.0.0.1, so the alias is told apart by "localhost".
        var mergedUrl = new UriBuilder(merged.BaseUrl) { Host = "localhost" }.Uri;
        old.Redirect("/bai-10001.html", new Uri(mergedUrl, "/bai-20001.html").AbsoluteUri);
        var channel = WebCollectionHarness.Channel("a", old.BaseUrl, null) with { AliasHosts = ["localhost"] };

        var items = await harness.CollectAsync("a", channel);

        items.Select(i => i.Item.Title).ShouldBe(["Tin sau sáp nhập"]);
    }

    [Fact]
    public void BelongsToChannel_HostsOfTheChannelAndItsAliases_AreItsOwn()
    {
        var channel = WebCollectionHarness.Channel("a", new Uri("https://thainguyentv.vn/"), null, sitemaps: [new Uri("https://static.thainguyentv.vn/sitemap.xml")])
            with { AliasHosts = ["backantv.vn"] };

        WebsiteCollector.BelongsToChannel(new Uri("https://www.thainguyentv.vn/a.html"), channel).ShouldBeTrue();
        WebsiteCollector.BelongsToChannel(new Uri("https://static.thainguyentv.vn/a.html"), channel).ShouldBeTrue();
        WebsiteCollector.BelongsToChannel(new Uri("https://www.backantv.vn/a.html"), channel).ShouldBeTrue();
        WebsiteCollector.BelongsToChannel(new Uri("https://langsontv.vn/a.html"), channel).ShouldBeFalse();
    }

    [Fact]
    public async Task CollectAsync_ArticleOfAMillionNestedElementsCutAtTheCap_SkippedWithItsReasonAndTheOthersCollected()
    {
        // Issue 11, case 1: this page kept a run busy for minutes (and never ended) before the bound.
        await using var site = await LoopbackSite.StartAsync();
        site.Set("/", Home("/bai-10001.html", "/bai-10002.html"));
        site.Set("/bai-10001.html", "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 1_000_000)));
        site.Set("/bai-10002.html", Article("Gặp mặt điển hình tiên tiến năm 2026"));
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel("x", site.BaseUrl, null);

        var items = await harness.CollectAsync("x", channel);

        items.Select(i => i.Item.Title).ShouldBe(["Gặp mặt điển hình tiên tiến năm 2026"]);
        var failure = (await harness.Get<ICrawlState>().LoadFailuresAsync(channel.Id)).Values.ShouldHaveSingleItem();
        failure.Problem.ShouldContain("512 levels");
    }

    [Fact]
    public async Task CollectAsync_HomePageNestedTooDeep_FeedArticlesStillCollected()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Set("/", "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss\"></head><body>" + string.Concat(Enumerable.Repeat("<div>", 200_000)));
        site.Set("/rss", $"""
            <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>
            <item><title>Gặp mặt điển hình tiên tiến năm 2026</title><link>{site.BaseUrl}bai-10002.html</link></item></channel></rss>
            """, contentType: "application/rss+xml");
        site.Set("/bai-10002.html", Article("Gặp mặt điển hình tiên tiến năm 2026"));
        await using var harness = new WebCollectionHarness();

        var items = await harness.CollectAsync("x", WebCollectionHarness.Channel("x", site.BaseUrl, null, feeds: [new Uri(site.BaseUrl, "/rss")]));

        items.Select(i => i.Item.Title).ShouldBe(["Gặp mặt điển hình tiên tiến năm 2026"]);
    }
}
