using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Monitor.Replay.Websites.Content;

namespace Monitor.Replay.Websites.Sites;

/// <summary>
/// dienbientv.vn: the "dataimages" CMS family. Articles at
/// <c>/&lt;section&gt;/&lt;sub&gt;/YYYYMM/&lt;slug&gt;-&lt;7 digits&gt;/</c>, dates "Thứ Ba, 12/09/2026, 14:00 [GMT+7]",
/// leads starting "Điện Biên TV-". Discovery through the two <c>Sitemap:</c> lines of robots.txt:
/// a sitemap index (one urlset per month) and a Google News sitemap (the last two days). robots.txt
/// disallows <c>/noi-bo/</c>, an internal section that is nevertheless linked from the home page
/// and listed in the sitemaps, so only a crawler that obeys robots.txt stays out of it.
/// </summary>
internal sealed partial class DienBienSite : ReplaySite
{
    public const string InternalSection = "/noi-bo/";

    private static readonly Dictionary<string, string> Sections = new(StringComparer.Ordinal)
    {
        ["nong-nghiep"] = "kinh-te/nong-nghiep",
        ["giao-thong"] = "xa-hoi/giao-thong",
        ["giao-duc"] = "xa-hoi/giao-duc",
        ["van-hoa"] = "van-hoa/le-hoi",
        ["y-te"] = "xa-hoi/y-te",
        ["thoi-su"] = "chinh-tri/thoi-su",
        ["thoi-tiet"] = "xa-hoi/thoi-tiet",
    };

    private readonly IReadOnlyList<ReplayArticle> _internal;

    public DienBienSite(IReadOnlyList<ReplayArticle> articles, IReadOnlyList<ReplayArticle> internalNotices)
        : base([.. articles, .. internalNotices])
    {
        _internal = internalNotices;
    }

    public override string Host => "dienbientv.vn";

    public override int PublicArticleCount => Articles.Count - _internal.Count;

    public override string PathOf(ReplayArticle article) => ArticlePath(article);

    public string ArticlePath(ReplayArticle article) =>
        _internal.Contains(article)
            ? F($"{InternalSection}thong-bao/{article.PublishedAt:yyyyMM}/{article.Slug}-{Id(article)}/")
            : F($"/{Sections[article.Category.Slug]}/{article.PublishedAt:yyyyMM}/{article.Slug}-{Id(article)}/");

    public static int Id(ReplayArticle article) => 5_600_000 + (article.Sequence * 13) + (article.Negative ? 1 : 0);

    public override IResult Respond(HttpRequest request, string path)
    {
        switch (path)
        {
            case "" or "/":
                return Utf8(Home(request), "text/html", NewestModified, withEntityTag: true);
            case "/robots.txt":
                return Results.Text(Robots(request), "text/plain");
            case "/sitemap.xml":
                return Utf8(SitemapIndex(request), "application/xml", NewestModified, withEntityTag: true);
            case "/sitemap-news.xml":
                return Utf8(NewsSitemap(request), "application/xml", NewestModified, withEntityTag: true);
        }

        var month = MonthlySitemap().Match(path);
        if (month.Success)
        {
            var inMonth = Articles.Where(a => a.PublishedAt.ToString("yyyyMM", CultureInfo.InvariantCulture) == month.Groups["month"].Value).ToList();
            return inMonth.Count == 0
                ? Results.NotFound()
                : Utf8(UrlSet(request, inMonth), "application/xml", inMonth.Max(Modified), withEntityTag: true);
        }

        var article = Articles.FirstOrDefault(a => ArticlePath(a) == path);
        return article is null
            ? Results.NotFound()
            : Utf8(Page(article), "text/html", Modified(article), withEntityTag: true);
    }

    /// <summary>The articles of the news sitemap: the two days up to the newest article.</summary>
    public IReadOnlyList<ReplayArticle> RecentArticles()
    {
        var newest = Articles.Max(a => a.PublishedAt);
        return [.. Articles.Where(a => a.PublishedAt > newest.AddDays(-2))];
    }

    public IEnumerable<string> Months => Articles.Select(a => a.PublishedAt.ToString("yyyyMM", CultureInfo.InvariantCulture)).Distinct().Order(StringComparer.Ordinal);

    private static string Robots(HttpRequest request) => $"""
        # Điện Biên TV
        User-agent: *
        Disallow: {InternalSection}
        Disallow: /tim-kiem/
        Allow: /tim-kiem/huong-dan/

        Sitemap: {Origin(request)}/sitemap.xml
        Sitemap: {Origin(request)}/sitemap-news.xml
        """;

    private string Home(HttpRequest request)
    {
        var list = new StringBuilder("<div class=\"listNews\">");
        foreach (var article in Newest.Take(16))
        {
            list.Append(F($"<div class=\"news\"><a class=\"title\" href=\"{Origin(request)}{ArticlePath(article)}\">{Text(article.Title)}</a></div>"));
        }

        list.Append("</div>");
        return Layout("Đài Phát thanh - Truyền hình Điện Biên", list.ToString(), null);
    }

    private string SitemapIndex(HttpRequest request)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        foreach (var month in Months)
        {
            var lastmod = Articles.Where(a => a.PublishedAt.ToString("yyyyMM", CultureInfo.InvariantCulture) == month).Max(Modified);
            xml.Append(F($"<sitemap><loc>{Origin(request)}/sitemaps/sitemap-{month}.xml</loc><lastmod>{W3c(lastmod)}</lastmod></sitemap>"));
        }

        return xml.Append("</sitemapindex>").ToString();
    }

    private string UrlSet(HttpRequest request, IEnumerable<ReplayArticle> items)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        foreach (var article in items)
        {
            xml.Append(F($"<url><loc>{Origin(request)}{ArticlePath(article)}</loc><lastmod>{W3c(Modified(article))}</lastmod><changefreq>never</changefreq></url>"));
        }

        return xml.Append("</urlset>").ToString();
    }

    private string NewsSitemap(HttpRequest request)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">");
        foreach (var article in RecentArticles())
        {
            xml.Append(F($"<url><loc>{Origin(request)}{ArticlePath(article)}</loc><news:news><news:publication><news:name>Điện Biên TV</news:name><news:language>vi</news:language></news:publication><news:publication_date>{W3c(article.PublishedAt)}</news:publication_date><news:title>{Text(article.Title)}</news:title></news:news></url>"));
        }

        return xml.Append("</urlset>").ToString();
    }

    private static string Page(ReplayArticle article)
    {
        var when = article.PublishedAt;
        var date = VietnameseCalendar.WeekdayInWords(when) + ", " + when.ToString("dd/MM/yyyy, HH:mm", CultureInfo.InvariantCulture) + " [GMT+7]";
        var body = new StringBuilder("<div class=\"detail\">");
        body.Append(F($"<div class=\"cate-detail\"><a href=\"/{Sections.GetValueOrDefault(article.Category.Slug, "noi-bo/thong-bao")}/\">{Text(article.Category.Name)}</a></div>"));
        body.Append(F($"<h1 class=\"title-detail\">{Text(article.Title)}</h1>"));
        body.Append(F($"<div class=\"time-detail\">{date}</div>"));
        body.Append(F($"<div class=\"sapo-detail\">Điện Biên TV- {Text(article.Lead)}</div><div class=\"content-detail\">"));
        body.Append(F($"<p><img src=\"/dataimages/{when:yyyyMM}/original/images{Id(article)}_anh1.jpg\" alt=\"\"></p>"));
        foreach (var paragraph in article.Paragraphs)
        {
            body.Append(F($"<p>{Text(paragraph)}</p>"));
        }

        body.Append(F($"</div><div class=\"author-detail\">{Text(article.Author)}</div></div>"));
        return Layout(article.Title, body.ToString(), F($"<meta property=\"og:title\" content=\"{Text(article.Title)}\"><meta property=\"og:type\" content=\"article\">"));
    }

    private static string Layout(string title, string content, string? head) => F($"""
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><title>{Text(title)}</title>{head}</head>
        <body><div class="top-header"><a href="/">Điện Biên TV</a> <a href="{InternalSection}">Nội bộ</a></div>
        <div class="container">{content}</div>
        <div class="footer">Đài PT-TH Điện Biên - 829 Võ Nguyên Giáp, P. Mường Thanh. Trang thử nghiệm của dự án Monitor.</div></body></html>
        """);

    [GeneratedRegex(@"^/sitemaps/sitemap-(?<month>\d{6})\.xml$")]
    private static partial Regex MonthlySitemap();
}
