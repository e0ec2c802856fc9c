using System.Globalization;
using System.Text;
using Monitor.Collection.Web;

namespace Monitor.Tests.Collection.Web;

/// <summary>Issue 11, case 6: a sitemap past the page cap is read whole (up to its own 50 MB cap), as a stream.</summary>
public sealed class LargeSitemapTests
{
    private static string Sitemap(Uri site, int urls)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (var i = 0; i < urls; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"<url><loc>{site}tin-tuc/thoi-su/bai-viet-so-{i:D6}.html</loc><lastmod>2026-11-20T08:00:00+07:00</lastmod></url>\n");
        }

        return text.Append("</urlset>\n").ToString();
    }

    [Fact]
    public async Task DiscoverAsync_SitemapOf200000UrlsPastThePageCap_YieldsEveryUrl()
    {
        await using var site = await LoopbackSite.StartAsync();
        var sitemap = Sitemap(site.BaseUrl, 200_000);
        site.Set("/sitemap.xml", sitemap, contentType: "application/xml");
        site.Set("/", "<html><body></body></html>");
        await using var harness = new WebCollectionHarness(o => o.MaxResponseBytes = 5 * 1024 * 1024);
        Encoding.UTF8.GetByteCount(sitemap).ShouldBeGreaterThan(5 * 1024 * 1024 * 3);
        var channel = WebCollectionHarness.Channel("x", site.BaseUrl, null, sitemaps: [new Uri(site.BaseUrl, "/sitemap.xml")]);
        var robots = await harness.Get<WebFetcher>().RobotsAsync(channel.BaseUrl);

        var found = await harness.Get<SiteDiscovery>().DiscoverAsync(channel, null, robots.Rules);

        found.FromSitemaps.ShouldBe(200_000);
    }

    [Fact]
    public async Task DiscoverAsync_SitemapPastItsOwnCap_KeepsTheUrlsBeforeTheCut()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Set("/sitemap.xml", Sitemap(site.BaseUrl, 1000), contentType: "application/xml");
        site.Set("/", "<html><body></body></html>");
        await using var harness = new WebCollectionHarness(o => o.MaxDocumentBytes = 50 * 1024);
        var channel = WebCollectionHarness.Channel("x", site.BaseUrl, null, sitemaps: [new Uri(site.BaseUrl, "/sitemap.xml")]);
        var robots = await harness.Get<WebFetcher>().RobotsAsync(channel.BaseUrl);

        var found = await harness.Get<SiteDiscovery>().DiscoverAsync(channel, null, robots.Rules);

        found.FromSitemaps.ShouldBeInRange(300, 999);
    }

    [Fact]
    public void TryReadStreaming_FeedOrGarbage_IsNotASitemap()
    {
        SitemapReader.TryReadStreaming("<rss><channel/></rss>", new Uri("https://a.vn/feed")).ShouldBeNull();
        SitemapReader.TryReadStreaming("không phải XML", new Uri("https://a.vn/x")).ShouldBeNull();
        SitemapReader.TryReadStreaming("<sitemapindex><sitemap><loc>https://a.vn/s1.xml</loc></sitemap></sitemapindex>", new Uri("https://a.vn/s.xml"))!
            .ChildSitemaps.Select(c => c.Url.AbsoluteUri).ShouldBe(["https://a.vn/s1.xml"]);
    }
}
