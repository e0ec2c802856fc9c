using System.Text;
using Monitor.Domain;
using Monitor.Replay.Websites;
using Monitor.Tests.Replay;

namespace Monitor.Tests.Collection.Web;

/// <summary>The website collector against the replayed station sites on loopback, with the repository's profiles.</summary>
public sealed class WebsiteCollectorReplayTests(ReplayWebsitesFixture fixture) : IClassFixture<ReplayWebsitesFixture>
{
    private ReplayWebsites Sites => fixture.Websites;

    [Theory]
    [MemberData(nameof(ReplayStationSites.WithProfiles), MemberType = typeof(ReplayStationSites))]
    public async Task CollectAsync_ReplaySite_CollectsEveryPublicArticleOnce(string host, string stationId)
    {
        await using var harness = new WebCollectionHarness();
        var items = await harness.CollectAsync(stationId, ChannelFor(host, stationId));

        var model = Sites.Models[host];
        items.Count.ShouldBe(model.PublicArticleCount);
        items.Select(i => i.Item.Id).Distinct().Count().ShouldBe(items.Count);
        items.ShouldAllBe(i => i.Item.Id == Item.WebId(i.Item.Url) && i.Item.StationId == stationId && i.Item.Platform == Platform.Web);
        items.Select(i => i.Item.Title).ShouldBeSubsetOf(model.Articles.Select(a => a.Title));
    }

    [Theory]
    [MemberData(nameof(ReplayStationSites.WithProfiles), MemberType = typeof(ReplayStationSites))]
    public async Task CollectAsync_SecondRun_FetchesNoArticleAndYieldsNothing(string host, string stationId)
    {
        await using var harness = new WebCollectionHarness();
        var channel = ChannelFor(host, stationId);
        (await harness.CollectAsync(stationId, channel)).ShouldNotBeEmpty();
        var before = Sites.Requests.Count;

        var again = await harness.CollectAsync(stationId, channel);

        again.ShouldBeEmpty();
        var second = Sites.Requests.Skip(before).Where(r => r.Host == host).ToList();
        var articleFetches = second.Where(r => r.StatusCode == 200 && Sites.Models[host].Articles.Any(a => r.PathAndQuery.Contains(a.Slug, StringComparison.Ordinal))).ToList();
        articleFetches.ShouldBeEmpty();
        if (host != "langsontv.vn")
        {
            // Every site but the old Lạng Sơn CMS sends validators, so its discovery pages answer 304.
            second.ShouldAllBe(r => r.StatusCode == 304 || r.PathAndQuery == "/robots.txt");
        }
    }

    [Fact]
    public async Task CollectAsync_DienBien_NeverRequestsTheSectionRobotsDisallows()
    {
        await using var harness = new WebCollectionHarness();
        var before = Sites.Requests.Count;

        var items = await harness.CollectAsync("dien-bien", ChannelFor("dienbientv.vn", "dien-bien"));

        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => !i.Item.Url.Contains("/noi-bo/", StringComparison.Ordinal));
        Sites.Requests.Skip(before).ShouldAllBe(r => !r.PathAndQuery.StartsWith("/noi-bo/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_ThanhHoaFeedWithCampaignParameters_KeysItemsByTheCleanUrl()
    {
        await using var harness = new WebCollectionHarness();

        var items = await harness.CollectAsync("thanh-hoa", ChannelFor("truyenhinhthanhhoa.vn", "thanh-hoa"));

        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => !i.Item.Url.Contains('?') && i.Item.Url.EndsWith(".htm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_QuangNinhInWindows1258_ReadsTitlesAsNfcVietnamese()
    {
        await using var harness = new WebCollectionHarness();

        var items = await harness.CollectAsync("quang-ninh", ChannelFor("baoquangninh.vn", "quang-ninh"));

        var articles = Sites.Models["baoquangninh.vn"].Articles;
        var titles = articles.Select(a => a.Title).ToHashSet();
        items.Count.ShouldBe(articles.Count);
        items.ShouldAllBe(i => titles.Contains(i.Item.Title) && i.Item.Title.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task CollectAsync_KilledAfterTheFirstItems_NextRunCollectsOnlyTheRest()
    {
        using var folder = new Monitor.Tests.Support.TempFolder();
        var channel = ChannelFor("thainguyentv.vn", "thai-nguyen");
        var first = new List<string>();
        await using (var harness = new WebCollectionHarness(stateFolder: folder))
        {
            await foreach (var item in harness.Collector.CollectAsync(WebCollectionHarness.StationWith("thai-nguyen", channel), channel))
            {
                first.Add(item.Item.Id);
                if (first.Count == 5)
                {
                    // The consumer stops here: the fifth item was handed over but never acknowledged.
                    break;
                }

                await item.AcknowledgeStoredAsync();
            }
        }

        await using var restarted = new WebCollectionHarness(stateFolder: folder);
        var rest = await restarted.CollectAsync("thai-nguyen", channel);

        var all = first.Concat(rest.Select(i => i.Item.Id)).ToList();
        all.Distinct().Count().ShouldBe(Sites.Models["thainguyentv.vn"].PublicArticleCount);
        rest.Select(i => i.Item.Id).ShouldContain(first[^1], "the item whose consumer never came back is collected again");
        rest.Count.ShouldBe(Sites.Models["thainguyentv.vn"].PublicArticleCount - 4);
    }

    [Fact]
    public async Task CollectAsync_SiteServedFromANewAddress_ArticlesAlreadySeenAreNotFetchedAgain()
    {
        using var folder = new Monitor.Tests.Support.TempFolder();
        await using (var harness = new WebCollectionHarness(stateFolder: folder))
        {
            (await harness.CollectAsync("cao-bang", ChannelFor("caobangtv.vn", "cao-bang"))).ShouldNotBeEmpty();
        }

        // The same site on another loopback port, as after a move (or the next demo run).
        await using var moved = await ReplayWebsites.StartAsync();
        moved.Sites["caobangtv.vn"].Port.ShouldNotBe(Sites.Sites["caobangtv.vn"].Port);
        await using var restarted = new WebCollectionHarness(stateFolder: folder);
        var channel = WebCollectionHarness.Channel("cao-bang", moved.Sites["caobangtv.vn"], "cao-bang");

        (await restarted.CollectAsync("cao-bang", channel)).ShouldBeEmpty();
        moved.Requests.Where(r => r.StatusCode == 200 && moved.Models["caobangtv.vn"].Articles.Any(a => r.PathAndQuery.Contains(a.Slug, StringComparison.Ordinal))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://thainguyentv.vn/", "https://thainguyentv.vn/tin-moi-120.html?p=2", "/tin-moi-120.html?p=2")]
    [InlineData("https://thainguyentv.vn/", "https://THAINGUYENTV.VN/tin-moi-120.html", "/tin-moi-120.html")]
    [InlineData("https://thainguyentv.vn/", "https://media.thainguyentv.vn/tin-moi-120.html", "https://media.thainguyentv.vn/tin-moi-120.html")]
    [InlineData("https://thainguyentv.vn/", "http://thainguyentv.vn/tin-moi-120.html", "http://thainguyentv.vn/tin-moi-120.html")]
    [InlineData("https://thainguyentv.vn/", "/tin-moi-120.html", "/tin-moi-120.html")]
    public void SeenKey_OwnSiteByPathOtherSitesWhole(string baseUrl, string url, string expected)
    {
        Monitor.Collection.Web.WebsiteCollector.SeenKey(new Uri(baseUrl), url).ShouldBe(expected);
    }

    private WebsiteChannel ChannelFor(string host, string stationId)
    {
        var baseUrl = Sites.Sites[host];
        return WebCollectionHarness.Channel(
            stationId,
            baseUrl,
            stationId,
            feeds: host == "truyenhinhthanhhoa.vn" ? [new Uri(baseUrl, "/rss/tin-tuc.rss")] : null);
    }
}
