using Monitor.Collection.Web;
using Monitor.Replay.Websites;
using Monitor.Replay.Websites.Sites;
using Monitor.Tests.Replay;

namespace Monitor.Tests.Collection.Web;

/// <summary>Each discovery path finds exactly the URLs the replayed site offers through it.</summary>
public sealed class SiteDiscoveryTests(ReplayWebsitesFixture fixture) : IClassFixture<ReplayWebsitesFixture>
{
    private ReplayWebsites Sites => fixture.Websites;

    [Fact]
    public async Task DiscoverAsync_FeedAnnouncedByLinkRelAlternate_FindsEveryArticle()
    {
        var result = await DiscoverAsync("thainguyentv.vn", "thai-nguyen");

        // The home page links the newest 20; the feed it announces adds the other 26.
        result.FromListings.ShouldBe(20);
        result.FromFeeds.ShouldBe(Sites.Models["thainguyentv.vn"].Articles.Count - 20);
        ShouldHaveExactly(result, "thainguyentv.vn", Sites.Models["thainguyentv.vn"].Articles);
    }

    [Fact]
    public async Task DiscoverAsync_AtomFeed_FindsEveryArticleWithItsUpdateTime()
    {
        var result = await DiscoverAsync("caobangtv.vn", "cao-bang");

        ShouldHaveExactly(result, "caobangtv.vn", Sites.Models["caobangtv.vn"].Articles);
        result.Candidates.ShouldAllBe(c => c.Changed != null);
    }

    [Fact]
    public async Task DiscoverAsync_RobotsSitemapLines_FollowTheIndexAndTheNewsSitemap()
    {
        var result = await DiscoverAsync("dienbientv.vn", "dien-bien");

        // Discovery lists the disallowed section too; the collector filters it before fetching.
        ShouldHaveExactly(result, "dienbientv.vn", Sites.Models["dienbientv.vn"].Articles);
        result.FromSitemaps.ShouldBe(Sites.Models["dienbientv.vn"].Articles.Count - result.FromListings);
        result.DiscoveryPages.ShouldContain(p => p.EndsWith("/sitemap-news.xml", StringComparison.Ordinal));
        result.DiscoveryPages.Count(p => p.Contains("/sitemaps/sitemap-", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task SitemapReader_GoogleNewsSitemap_ListsTheRecentArticlesWithTheirPublicationDates()
    {
        var site = (DienBienSite)Sites.Models["dienbientv.vn"];
        using var http = new HttpClient();
        var url = new Uri(Sites.Sites["dienbientv.vn"], "/sitemap-news.xml");
        var xml = FeedReader.TryParseXml(await http.GetStringAsync(url))!;

        var content = SitemapReader.Read(xml, url);

        content.ChildSitemaps.ShouldBeEmpty();
        content.Pages.Select(p => p.Url.AbsolutePath).ShouldBe(site.RecentArticles().Select(site.ArticlePath), ignoreOrder: true);
        content.Pages.Select(p => p.Changed).ShouldBe(site.RecentArticles().Select(a => (DateTimeOffset?)a.PublishedAt), ignoreOrder: true);
    }

    [Fact]
    public async Task DiscoverAsync_ListingOnlySite_FollowsTheProfilesNextPageLinks()
    {
        var result = await DiscoverAsync("langsontv.vn", "lang-son");

        result.FromFeeds.ShouldBe(0);
        result.FromSitemaps.ShouldBe(0);
        ShouldHaveExactly(result, "langsontv.vn", Sites.Models["langsontv.vn"].Articles);
        result.DiscoveryPages.Count.ShouldBe(((LangSonSite)Sites.Models["langsontv.vn"]).PageCount);
    }

    [Fact]
    public async Task DiscoverAsync_ListingWithRelNext_FollowsItWithoutAProfileXPath()
    {
        var result = await DiscoverAsync("baoquangninh.vn", "quang-ninh");

        ShouldHaveExactly(result, "baoquangninh.vn", Sites.Models["baoquangninh.vn"].Articles);
        result.DiscoveryPages.Count.ShouldBe(((QuangNinhSite)Sites.Models["baoquangninh.vn"]).PageCount);
    }

    [Fact]
    public async Task DiscoverAsync_MaxListingPages_StopsThePagination()
    {
        var result = await DiscoverAsync("langsontv.vn", "lang-son", maxListingPages: 2);

        result.Candidates.Count.ShouldBe(2 * LangSonSite.PageSize);
    }

    [Fact]
    public async Task DiscoverAsync_ConfiguredFeedWithTrackingParameters_GivesCleanUrls()
    {
        var baseUrl = Sites.Sites["truyenhinhthanhhoa.vn"];
        var result = await DiscoverAsync("truyenhinhthanhhoa.vn", "thanh-hoa", feeds: [new Uri(baseUrl, ThanhHoaSite.FeedPath)]);

        ShouldHaveExactly(result, "truyenhinhthanhhoa.vn", Sites.Models["truyenhinhthanhhoa.vn"].Articles);
        result.Candidates.ShouldAllBe(c => c.Url.Query.Length == 0);
    }

    private async Task<DiscoveryResult> DiscoverAsync(string host, string profile, int maxListingPages = 5, IReadOnlyList<Uri>? feeds = null)
    {
        await using var harness = new WebCollectionHarness();
        var channel = WebCollectionHarness.Channel(profile, Sites.Sites[host], profile, feeds: feeds, maxListingPages: maxListingPages);
        var robots = await harness.Get<WebFetcher>().RobotsAsync(channel.BaseUrl);
        return await harness.Get<SiteDiscovery>().DiscoverAsync(channel, harness.Get<Microsoft.Extensions.Options.IOptions<WebCollectionOptions>>().Value.Profiles[profile], robots.Rules);
    }

    private void ShouldHaveExactly(DiscoveryResult result, string host, IEnumerable<Monitor.Replay.Websites.Content.ReplayArticle> articles)
    {
        var model = Sites.Models[host];
        var expected = articles.Select(a => UrlCanonicalizerPath(model.PathOf(a))).Order(StringComparer.Ordinal).ToList();
        result.Candidates.Select(c => c.Url.PathAndQuery).Order(StringComparer.Ordinal).ToList().ShouldBe(expected);
    }

    private static string UrlCanonicalizerPath(string path) => new Uri(new Uri("http://x/"), path).PathAndQuery;
}
