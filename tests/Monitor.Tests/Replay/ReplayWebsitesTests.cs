using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Monitor.Replay.Websites;
using Monitor.Replay.Websites.Content;

namespace Monitor.Tests.Replay;

public sealed class ReplayWebsitesTests(ReplayWebsitesFixture fixture) : IClassFixture<ReplayWebsitesFixture>, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public void Dispose() => _http.Dispose();

    [Fact]
    public void StartAsync_AllSites_ServeAtLeastTwoHundredArticlesOnLoopback()
    {
        fixture.Websites.ArticleCount.ShouldBeGreaterThanOrEqualTo(200);
        fixture.Websites.Sites.Keys.ShouldBe(
            ["thainguyentv.vn", "truyenhinhthanhhoa.vn", "langsontv.vn", "dienbientv.vn", "baoquangninh.vn", "caobangtv.vn"], ignoreOrder: true);
        fixture.Websites.Sites.Values.ShouldAllBe(uri => uri.Host == "127.0.0.1" && uri.AbsolutePath == "/");
        fixture.Websites.Sites.Values.Select(u => u.Port).Distinct().Count().ShouldBe(fixture.Websites.Sites.Count);
    }

    [Fact]
    public async Task StartAsync_TwoStarts_ServeTheSameArticles()
    {
        await using var again = await ReplayWebsites.StartAsync();
        foreach (var (host, site) in fixture.Websites.Models)
        {
            again.Models[host].Articles.Select(a => (a.Title, a.PublishedAt)).ShouldBe(site.Articles.Select(a => (a.Title, a.PublishedAt)));
        }
    }

    [Fact]
    public void Articles_AllSites_DatedOverSeveralWeeksWithSomeNegativeOnes()
    {
        var articles = fixture.Websites.Models.Values.SelectMany(m => m.Articles).ToList();
        (articles.Max(a => a.PublishedAt) - articles.Min(a => a.PublishedAt)).ShouldBeGreaterThan(TimeSpan.FromDays(21));
        articles.Count(a => a.Negative).ShouldBeGreaterThan(20);
        articles.Count(a => !a.Negative).ShouldBeGreaterThan(100);
        articles.Select(a => a.Title).Distinct().Count().ShouldBeGreaterThan(articles.Count / 2);
    }

    [Theory]
    [InlineData("thainguyentv.vn", "/")]
    [InlineData("thainguyentv.vn", "/rss/tin-moi-nhat.rss")]
    [InlineData("truyenhinhthanhhoa.vn", "/rss/tin-tuc.rss")]
    [InlineData("dienbientv.vn", "/sitemap.xml")]
    [InlineData("dienbientv.vn", "/sitemap-news.xml")]
    [InlineData("baoquangninh.vn", "/")]
    public async Task Get_SecondRequestWithValidators_Answers304(string host, string path)
    {
        var url = new Uri(fixture.Websites.Sites[host], path);
        using var first = await _http.GetAsync(url);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (first.Headers.ETag is { } tag)
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        request.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        (first.Headers.ETag is not null || first.Content.Headers.LastModified is not null).ShouldBeTrue();
        using var second = await _http.SendAsync(request);
        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task QuangNinh_ArticlePage_IsWindows1258WithCombiningToneMarks()
    {
        var site = fixture.Websites.Sites["baoquangninh.vn"];
        var article = fixture.Websites.Models["baoquangninh.vn"].Articles[0];
        using var response = await _http.GetAsync(new Uri(site, Monitor.Replay.Websites.Sites.QuangNinhSite.ArticlePath(article)));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.CharSet.ShouldBeNull();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Windows1258Text.Encoding.GetString(bytes);
        text.ShouldContain("charset=windows-1258");
        text.ShouldNotBe(text.Normalize(NormalizationForm.FormC));
        text.Normalize(NormalizationForm.FormC).ShouldContain(article.Title);
    }

    [Fact]
    public async Task DienBien_Robots_DisallowsTheInternalSectionThatTheHomePageLinks()
    {
        var site = fixture.Websites.Sites["dienbientv.vn"];
        var robots = await _http.GetStringAsync(new Uri(site, "/robots.txt"));
        robots.ShouldContain("Disallow: /noi-bo/");
        robots.ShouldContain("Sitemap: " + new Uri(site, "/sitemap.xml"));
        var home = await _http.GetStringAsync(site);
        home.ShouldContain("/noi-bo/thong-bao/");
    }

    [Fact]
    public async Task DienBien_NewsSitemap_ListsOnlyTheLastTwoDays()
    {
        var site = fixture.Websites.Sites["dienbientv.vn"];
        var xml = XDocument.Parse(await _http.GetStringAsync(new Uri(site, "/sitemap-news.xml")));
        XNamespace news = "http://www.google.com/schemas/sitemap-news/0.9";
        var dates = xml.Descendants(news + "publication_date").Select(d => DateTimeOffset.Parse(d.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        dates.ShouldNotBeEmpty();
        (dates.Max() - dates.Min()).ShouldBeLessThan(TimeSpan.FromDays(2));
    }

    [Fact]
    public async Task LangSon_Robots_IsNotFoundAndPagesCarryNoValidators()
    {
        var site = fixture.Websites.Sites["langsontv.vn"];
        using var robots = await _http.GetAsync(new Uri(site, "/robots.txt"));
        robots.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var home = await _http.GetAsync(site);
        home.Headers.ETag.ShouldBeNull();
        home.Content.Headers.LastModified.ShouldBeNull();
        (await home.Content.ReadAsStringAsync()).ShouldContain("lượt xem");
    }

    [Fact]
    public async Task TestRoutes_HugePage_StreamsFiftyMegabytes()
    {
        using var response = await _http.GetAsync(new Uri(fixture.Websites.Sites["caobangtv.vn"], "/_test/huge"), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        total.ShouldBe(TestRoutes.HugePageBytes);
    }

    [Fact]
    public async Task TestRoutes_Redirect_CountsDownToTheTarget()
    {
        using var response = await _http.GetAsync(new Uri(fixture.Websites.Sites["caobangtv.vn"], "/_test/redirect/3"));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/_test/redirect/2");
    }

    [Theory]
    [InlineData("utf8-bom", null)]
    [InlineData("windows-1258-header", "windows-1258")]
    [InlineData("iso-8859-1-header", "ISO-8859-1")]
    public async Task TestRoutes_CharsetSample_DeclaresItsEncoding(string kind, string? charset)
    {
        using var response = await _http.GetAsync(new Uri(fixture.Websites.Sites["caobangtv.vn"], "/_test/charset/" + kind));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType.ShouldBe(MediaTypeHeaderValue.Parse(charset is null ? "text/html" : "text/html; charset=" + charset));
    }
}
