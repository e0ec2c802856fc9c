using Monitor.Collection.Web;

namespace Monitor.Tests.Collection.Web;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTPS://ThaiNguyenTV.vn/bai-viet-123.html", "https://thainguyentv.vn/bai-viet-123.html")]
    [InlineData("https://thainguyentv.vn:443/bai-viet-123.html", "https://thainguyentv.vn/bai-viet-123.html")]
    [InlineData("http://thainguyentv.vn:80/a", "http://thainguyentv.vn/a")]
    [InlineData("http://127.0.0.1:5123/a", "http://127.0.0.1:5123/a")]
    [InlineData("https://thainguyentv.vn", "https://thainguyentv.vn/")]
    [InlineData("https://thainguyentv.vn/a-1.html#binh-luan", "https://thainguyentv.vn/a-1.html")]
    [InlineData("https://x.vn/a.htm?utm_source=rss&utm_medium=feed", "https://x.vn/a.htm")]
    [InlineData("https://x.vn/a.htm?fbclid=IwAR0abc&id=5", "https://x.vn/a.htm?id=5")]
    [InlineData("https://x.vn/a.htm?gclid=1&zarsrc=30&gidzl=xyz&UTM_Campaign=t", "https://x.vn/a.htm")]
    [InlineData("https://x.vn/list?page=2&cat=4", "https://x.vn/list?cat=4&page=2")]
    [InlineData("https://x.vn/list?b=2&a=1&a=0", "https://x.vn/list?a=0&a=1&b=2")]
    [InlineData("https://x.vn/a?", "https://x.vn/a")]
    [InlineData("https://x.vn/Tin-Tuc/A-1.html", "https://x.vn/Tin-Tuc/A-1.html")]
    public void Canonicalize_Url_GivesTheOneFormItemsAreKeyedBy(string url, string expected) =>
        UrlCanonicalizer.Canonicalize(new Uri(url)).ShouldBe(expected);

    [Fact]
    public void Canonicalize_SameArticleFromFeedAndListing_GivesOneItemId()
    {
        var fromFeed = UrlCanonicalizer.Canonicalize(new Uri("https://truyenhinhthanhhoa.vn/a-180251121083000001.htm?utm_source=rss&utm_medium=feed#top"));
        var fromListing = UrlCanonicalizer.Canonicalize(new Uri("HTTPS://truyenhinhthanhhoa.vn:443/a-180251121083000001.htm"));

        Monitor.Domain.Item.WebId(fromFeed).ShouldBe(Monitor.Domain.Item.WebId(fromListing));
    }

    [Fact]
    public void Canonicalize_RelativeUrl_IsRejected() =>
        Should.Throw<ArgumentException>(() => UrlCanonicalizer.Canonicalize(new Uri("/a.html", UriKind.Relative)));
}
