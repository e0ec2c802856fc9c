using System.Globalization;
using HtmlAgilityPack;
using Monitor.Collection.Web;
using Monitor.Tests.Collection.Web;

namespace Monitor.Tests.Replay;

/// <summary>
/// Every selector in <c>pipelines/profiles/&lt;station&gt;.yaml</c> picks the right part of the
/// replayed station's pages: the profiles are data, and this is their test.
/// </summary>
public sealed class SiteProfileSelectorTests(ReplayWebsitesFixture fixture) : IClassFixture<ReplayWebsitesFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Theory]
    [MemberData(nameof(ReplayStationSites.WithProfiles), MemberType = typeof(ReplayStationSites))]
    public async Task ProfileSelectors_ArticlePages_SelectTitleAuthorCategoryAndBody(string host, string profileName)
    {
        var profile = ProfileFiles.Load(profileName);
        var site = fixture.Websites.Models[host];
        profile.Hosts.ShouldContain(host);
        foreach (var article in site.Articles.Take(5))
        {
            var page = await LoadAsync(new Uri(fixture.Websites.Sites[host], site.PathOf(article)));

            Text(page, profile.TitleXPath).ShouldBe(article.Title);
            Text(page, profile.AuthorXPath).ShouldContain(article.Author);
            Text(page, profile.CategoryXPath).ShouldBe(article.Category.Name);
            // The body selector names the standfirst and the content (an XPath union), read in page order.
            var body = string.Join("\n", page.DocumentNode.SelectNodes(profile.BodyXPath).ShouldNotBeNull().Select(n => HtmlEntity.DeEntitize(n.InnerText)));
            body.ShouldContain(article.Lead);
            article.Paragraphs.ShouldAllBe(p => body.Contains(p, StringComparison.Ordinal));
            if (profile.PublishedXPath is null)
            {
                // Left to the page metadata: the JSON-LD must then carry the full time.
                page.DocumentNode.SelectSingleNode("//script[@type='application/ld+json']").ShouldNotBeNull().InnerText.ShouldContain("\"datePublished\":\"" + article.PublishedAt.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
            }
            else
            {
                Text(page, profile.PublishedXPath).ShouldContain(article.PublishedAt.ToString("dd", CultureInfo.InvariantCulture));
            }
            foreach (var remove in profile.RemoveXPaths)
            {
                page.DocumentNode.SelectNodes(remove).ShouldNotBeNull($"remove selector {remove} matches nothing on {host}");
            }
        }
    }

    [Theory]
    [InlineData("thai-nguyen", "thainguyentv.vn")]
    [InlineData("thanh-hoa", "truyenhinhthanhhoa.vn")]
    [InlineData("lang-son", "langsontv.vn")]
    [InlineData("dien-bien", "dienbientv.vn")]
    [InlineData("quang-ninh", "baoquangninh.vn")]
    public async Task ProfileDateFormats_PublishedText_ParsesToThePublicationTime(string profileName, string host)
    {
        var profile = ProfileFiles.Load(profileName);
        var site = fixture.Websites.Models[host];
        var article = site.Articles[3];
        var page = await LoadAsync(new Uri(fixture.Websites.Sites[host], site.PathOf(article)));
        var text = Text(page, profile.PublishedXPath);

        // The exact formats cover the part after any weekday prefix ("Thứ 4, …", "Thứ Ba, …").
        var datePart = System.Text.RegularExpressions.Regex.Replace(text, "^(Thứ [^,]+|Chủ nhật), ", "");
        DateTime.TryParseExact(datePart, [.. profile.DateFormats], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed).ShouldBeTrue($"'{datePart}' against {string.Join(" | ", profile.DateFormats)}");
        parsed.ShouldBe(article.PublishedAt.DateTime);
    }

    [Theory]
    [InlineData("thai-nguyen", "thainguyentv.vn")]
    [InlineData("quang-ninh", "baoquangninh.vn")]
    public async Task ProfileCommentCount_ArticlePage_ReadsTheCount(string profileName, string host)
    {
        var profile = ProfileFiles.Load(profileName);
        var site = fixture.Websites.Models[host];
        foreach (var article in site.Articles.Take(5))
        {
            var page = await LoadAsync(new Uri(fixture.Websites.Sites[host], site.PathOf(article)));
            var digits = new string(Text(page, profile.CommentCountXPath).TakeWhile(char.IsAsciiDigit).ToArray());
            long.Parse(digits, CultureInfo.InvariantCulture).ShouldBe(article.CommentCount);
        }
    }

    private async Task<HtmlDocument> LoadAsync(Uri url)
    {
        using var response = await _http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        var html = CharsetDecoder.Decode(await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.CharSet).Text;
        var document = new HtmlDocument();
        document.LoadHtml(html);
        return document;
    }

    private static string Text(HtmlDocument page, string? xpath)
    {
        xpath.ShouldNotBeNull();
        var node = page.DocumentNode.SelectSingleNode(xpath);
        node.ShouldNotBeNull($"{xpath} matches nothing");
        return HtmlEntity.DeEntitize(node.InnerText).Trim();
    }

}
