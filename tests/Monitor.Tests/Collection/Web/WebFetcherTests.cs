using System.Diagnostics;
using System.Net;
using Monitor.Collection.Web;
using Monitor.Replay.Websites;
using Monitor.Tests.Replay;

namespace Monitor.Tests.Collection.Web;

/// <summary>The polite fetcher over loopback: size cap, redirects, timeouts, charsets.</summary>
public sealed class WebFetcherTests(ReplayWebsitesFixture fixture) : IClassFixture<ReplayWebsitesFixture>
{
    private Uri Site => fixture.Websites.Sites["caobangtv.vn"];

    [Fact]
    public async Task FetchAsync_FiftyMegabytePage_IsCutOffAtTheCap()
    {
        await using var harness = new WebCollectionHarness(o => o.MaxResponseBytes = 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes(precise: false);

        var page = await harness.Get<WebFetcher>().FetchAsync(new Uri(Site, "/_test/huge"));

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Truncated.ShouldBeTrue();
        page.Body.Length.ShouldBe(1024 * 1024);
        page.Decode().Text.ShouldStartWith("<html><head><title>Trang rất lớn</title>");
        // Streamed, not buffered: far less than the 50 MB the server offers was allocated for it.
        (GC.GetTotalAllocatedBytes(precise: false) - before).ShouldBeLessThan(20L * 1024 * 1024);
    }

    [Fact]
    public async Task FetchAsync_PageWithinTheCap_IsNotTruncated()
    {
        await using var harness = new WebCollectionHarness();

        var page = await harness.Get<WebFetcher>().FetchAsync(Site);

        page.Truncated.ShouldBeFalse();
        page.IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task FetchAsync_RedirectsWithinTheLimit_AreFollowedAndCounted()
    {
        await using var harness = new WebCollectionHarness(o => o.MaxRedirects = 3);

        var page = await harness.Get<WebFetcher>().FetchAsync(new Uri(Site, "/_test/redirect/3"));

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Redirects.ShouldBe(3);
        page.FinalUrl.AbsolutePath.ShouldBe("/_test/redirect/0");
    }

    [Fact]
    public async Task FetchAsync_MoreRedirectsThanTheLimit_Throws()
    {
        await using var harness = new WebCollectionHarness(o => o.MaxRedirects = 2);

        var error = await Should.ThrowAsync<WebFetchException>(() => harness.Get<WebFetcher>().FetchAsync(new Uri(Site, "/_test/redirect/3")));

        error.Message.ShouldContain("more than 2 times");
    }

    [Fact]
    public async Task FetchAsync_SlowServer_TimesOutWithAClearError()
    {
        await using var harness = new WebCollectionHarness(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<WebFetchException>(() => harness.Get<WebFetcher>().FetchAsync(new Uri(Site, "/_test/slow")));

        error.Message.ShouldContain("timed out");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task FetchAsync_ErrorStatus_IsReturnedNotThrown(int status)
    {
        await using var harness = new WebCollectionHarness();

        var page = await harness.Get<WebFetcher>().FetchAsync(new Uri(Site, $"/_test/status/{status}"));

        ((int)page.StatusCode).ShouldBe(status);
        page.IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public async Task FetchAsync_DisallowedPath_IsNotRequested()
    {
        await using var harness = new WebCollectionHarness();
        var site = fixture.Websites.Sites["dienbientv.vn"];
        var before = fixture.Websites.Requests.Count;

        await Should.ThrowAsync<WebFetchException>(() => harness.Get<WebFetcher>().FetchAsync(new Uri(site, "/noi-bo/thong-bao/")));

        fixture.Websites.Requests.Skip(before).Where(r => r.Host == "dienbientv.vn").ShouldAllBe(r => r.PathAndQuery == "/robots.txt");
    }

    [Theory]
    [InlineData("utf8-header", CharsetSource.HttpHeader)]
    [InlineData("utf8-bom", CharsetSource.ByteOrderMark)]
    [InlineData("utf8-meta", CharsetSource.MetaTag)]
    [InlineData("windows-1258-header", CharsetSource.HttpHeader)]
    [InlineData("windows-1258-meta", CharsetSource.MetaTag)]
    [InlineData("header-wins", CharsetSource.HttpHeader)]
    [InlineData("no-declaration", CharsetSource.Default)]
    public async Task FetchAsync_CharsetSample_DecodesToTheExactNfcSentence(string kind, CharsetSource source)
    {
        await using var harness = new WebCollectionHarness();

        var decoded = (await harness.Get<WebFetcher>().FetchAsync(new Uri(Site, "/_test/charset/" + kind))).Decode();

        decoded.Source.ShouldBe(source);
        decoded.Text.ShouldContain("<p class=\"sample\">" + CharsetSamples.Vietnamese + "</p>");
    }

    [Fact]
    public async Task FetchAsync_Iso88591Sample_DecodesTheLatinSentence()
    {
        await using var harness = new WebCollectionHarness();

        var decoded = (await harness.Get<WebFetcher>().FetchAsync(new Uri(Site, "/_test/charset/iso-8859-1-header"))).Decode();

        decoded.Text.ShouldContain("<p class=\"sample\">" + CharsetSamples.Latin1 + "</p>");
    }
}
