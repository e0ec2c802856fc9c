using Monitor.Collection.Web;
using Monitor.Replay.Websites;
using Monitor.Tests.Replay;

namespace Monitor.Tests.Collection.Web;

/// <summary>A whole source that fails throws; a single bad page is skipped and the rest collected.</summary>
public sealed class WebsiteCollectorFailureTests(ReplayWebsitesFixture fixture) : IClassFixture<ReplayWebsitesFixture>
{
    private ReplayWebsites Sites => fixture.Websites;

    [Fact]
    public async Task CollectAsync_HomePageAnswers500_ThrowsForTheSource()
    {
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel("cao-bang", new Uri(Sites.Sites["caobangtv.vn"], "/_test/status/500"), null);

        var error = await Should.ThrowAsync<WebCollectionException>(() => harness.CollectAsync("cao-bang", channel));

        error.Message.ShouldContain("home page");
        error.Message.ShouldContain("500");
    }

    [Fact]
    public async Task CollectAsync_NothingListening_ThrowsForTheSource()
    {
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel("cao-bang", RobotsPolicyTests.ClosedPortUrl(), null);

        var error = await Should.ThrowAsync<WebCollectionException>(() => harness.CollectAsync("cao-bang", channel));

        error.Message.ShouldContain("unreachable");
    }

    [Fact]
    public async Task CollectAsync_RobotsAnswers503_ThrowsWithoutFetchingAnyPage()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Set("/robots.txt", "bảo trì", 503, "text/plain");
        site.Set("/", "<html><body><a href=\"/bai-12345.html\">Bài</a></body></html>");
        await using var harness = new WebCollectionHarness();

        await Should.ThrowAsync<WebCollectionException>(() => harness.CollectAsync("x", WebCollectionHarness.Channel("x", site.BaseUrl, null)));

        site.Requests.ShouldBe(["/robots.txt"]);
    }

    [Fact]
    public async Task CollectAsync_BrokenAndMissingArticlePages_AreSkippedAndTheOthersCollected()
    {
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel("cao-bang", new Uri(Sites.Sites["caobangtv.vn"], "/_test/listing-with-broken-links"), null);

        var items = await harness.CollectAsync("cao-bang", channel);

        items.Select(i => i.Item.Title).ShouldBe(Sites.Models["caobangtv.vn"].Articles.Take(3).Select(a => a.Title), ignoreOrder: true);
    }

    [Fact]
    public async Task CollectAsync_BrokenPageStillBroken_IsTriedAgainAfterItsWaitNotEveryRun()
    {
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel("cao-bang", new Uri(Sites.Sites["caobangtv.vn"], "/_test/listing-with-broken-links"), null);
        await harness.CollectAsync("cao-bang", channel);
        var before = Sites.Requests.Count;

        (await harness.CollectAsync("cao-bang", channel)).ShouldBeEmpty();
        Sites.Requests.Skip(before).Select(r => r.PathAndQuery).ShouldNotContain("/_test/broken-12345.html");

        harness.Clock.Advance(FailedUrl.Backoff(1));
        var waited = Sites.Requests.Count;
        (await harness.CollectAsync("cao-bang", channel)).ShouldBeEmpty();
        Sites.Requests.Skip(waited).Select(r => r.PathAndQuery).ShouldContain("/_test/broken-12345.html");
    }

    [Fact]
    public async Task CollectAsync_UnknownProfileName_FailsWithAClearMessage()
    {
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel("cao-bang", Sites.Sites["caobangtv.vn"], "khong-co");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => harness.CollectAsync("cao-bang", channel));

        error.Message.ShouldContain("pipelines/profiles/khong-co.yaml");
    }

    [Fact]
    public async Task CollectAsync_ChangedPageInTheSitemap_IsFetchedAgainAndKeepsItsId()
    {
        await using var site = await LoopbackSite.StartAsync();
        const string path = "/tin-tuc/le-hoi-long-tong-10001.html";
        SetArticle(site, path, "Lễ hội Lồng tồng ở xã Quang Long", "2026-11-10T08:00:00+07:00");
        site.Set("/", "<html><head><title>Trang chủ</title></head><body></body></html>");
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel("cao-bang", site.BaseUrl, null, sitemaps: [new Uri(site.BaseUrl, "/sitemap.xml")]);

        var first = await harness.CollectAsync("cao-bang", channel);
        var unchanged = await harness.CollectAsync("cao-bang", channel);
        SetArticle(site, path, "Lễ hội Lồng tồng ở xã Quang Long thu hút du khách", "2026-11-10T09:30:00+07:00");
        var changed = await harness.CollectAsync("cao-bang", channel);

        first.Single().Item.Title.ShouldBe("Lễ hội Lồng tồng ở xã Quang Long");
        unchanged.ShouldBeEmpty();
        changed.Single().Item.Title.ShouldBe("Lễ hội Lồng tồng ở xã Quang Long thu hút du khách");
        changed.Single().Item.Id.ShouldBe(first.Single().Item.Id);
        site.CountOf(path).ShouldBe(2);
    }

    [Fact]
    public async Task CollectAsync_GzippedSitemapFile_IsUnpackedAndRead()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Set("/", "<html><head><title>Trang chủ</title></head><body></body></html>");
        site.Set("/tin/hoi-nghi-12345.html", "<html><head><title>Hội nghị tổng kết năm</title></head><body><h1>Hội nghị tổng kết năm</h1></body></html>");
        var xml = $"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{new Uri(site.BaseUrl, "/tin/hoi-nghi-12345.html")}</loc></url></urlset>""";
        using var packed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(xml));
        }

        site.SetBytes("/sitemap.xml.gz", packed.ToArray(), "application/x-gzip");
        site.Set("/robots.txt", $"User-agent: *\nAllow: /\nSitemap: {new Uri(site.BaseUrl, "/sitemap.xml.gz")}\n", contentType: "text/plain");
        await using var harness = new WebCollectionHarness();

        var items = await harness.CollectAsync("x", WebCollectionHarness.Channel("x", site.BaseUrl, null));

        items.ShouldHaveSingleItem().Item.Title.ShouldBe("Hội nghị tổng kết năm");
    }

    [Fact]
    public async Task CollectAsync_MaxArticlesPerRun_LeavesTheRestForTheNextRun()
    {
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel("thai-nguyen", Sites.Sites["thainguyentv.vn"], "thai-nguyen") with { MaxArticlesPerRun = 10 };

        var first = await harness.CollectAsync("thai-nguyen", channel);
        var second = await harness.CollectAsync("thai-nguyen", channel);

        first.Count.ShouldBe(10);
        second.Count.ShouldBe(10);
        first.Select(i => i.Item.Id).Intersect(second.Select(i => i.Item.Id)).ShouldBeEmpty();
    }

    private static void SetArticle(LoopbackSite site, string path, string title, string lastmod)
    {
        site.Set(path, $"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>Nội dung bài viết.</p></body></html>");
        site.Set("/sitemap.xml", $"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{new Uri(site.BaseUrl, path)}</loc><lastmod>{lastmod}</lastmod></url></urlset>""", contentType: "application/xml");
    }
}
