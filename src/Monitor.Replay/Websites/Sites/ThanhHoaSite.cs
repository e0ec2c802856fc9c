using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Monitor.Replay.Websites.Content;

namespace Monitor.Replay.Websites.Sites;

/// <summary>
/// truyenhinhthanhhoa.vn: <c>/&lt;slug&gt;-&lt;18 digits&gt;.htm</c> where the id carries the
/// creation time (yyMMddHHmmss) between a 3-digit prefix and suffix, RSS at
/// <c>/rss/tin-tuc.rss</c> whose links carry tracking parameters, byline before the date
/// "30/05/2026 20:05", image alt text ending "- Ảnh 1.", Last-Modified without ETag.
/// </summary>
internal sealed partial class ThanhHoaSite(IReadOnlyList<ReplayArticle> articles) : ReplaySite(articles)
{
    public const string FeedPath = "/rss/tin-tuc.rss";

    public override string Host => "truyenhinhthanhhoa.vn";

    public static string ArticlePath(ReplayArticle article) => F($"/{article.Slug}-{Id(article)}.htm");

    public static string Id(ReplayArticle article) =>
        "180" + article.PublishedAt.AddMinutes(-(23 + (article.Sequence % 40))).ToString("yyMMddHHmmss", CultureInfo.InvariantCulture)
        + (article.Sequence % 1000).ToString("D3", CultureInfo.InvariantCulture);

    public override string PathOf(ReplayArticle article) => ArticlePath(article);

    public override IResult Respond(HttpRequest request, string path)
    {
        switch (path)
        {
            case "" or "/":
                return Utf8(Listing(request, Newest.Take(15), "Trang chủ"), "text/html", NewestModified, withEntityTag: false);
            case FeedPath:
                return Utf8(Feed(request), "application/rss+xml", NewestModified, withEntityTag: false);
            case "/robots.txt":
                return Results.Text("User-agent: *\nDisallow: /tim-kiem.htm\n", "text/plain");
        }

        var category = Articles.Select(a => a.Category).Distinct().FirstOrDefault(c => path == "/" + c.Slug + ".htm");
        if (category is not null)
        {
            return Utf8(Listing(request, Newest.Where(a => a.Category == category).Take(15), category.Name), "text/html", NewestModified, withEntityTag: false);
        }

        var match = ArticleUrl().Match(path);
        var article = match.Success ? Articles.FirstOrDefault(a => Id(a) == match.Groups["id"].Value) : null;
        return article is null
            ? Results.NotFound()
            : Utf8(Page(request, article), "text/html", Modified(article), withEntityTag: false);
    }

    private string Listing(HttpRequest request, IEnumerable<ReplayArticle> items, string heading)
    {
        var list = new StringBuilder(F($"<h2 class=\"box-title\">{Text(heading)}</h2><ul class=\"list-news\">"));
        foreach (var article in items)
        {
            list.Append(F($"<li class=\"news-item\"><a class=\"news-title\" href=\"{ArticlePath(article)}\" title=\"{Text(article.Title)}\">{Text(article.Title)}</a><span class=\"news-time\">{article.PublishedAt.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)}</span></li>"));
        }

        list.Append("</ul><nav class=\"menu\">");
        foreach (var category in Articles.Select(a => a.Category).Distinct())
        {
            list.Append(F($"<a href=\"/{category.Slug}.htm\">{Text(category.Name)}</a> "));
        }

        list.Append("</nav>");
        return Layout(request, heading + " - Truyền hình Thanh Hóa", list.ToString(), null);
    }

    private static string Page(HttpRequest request, ReplayArticle article)
    {
        var url = Origin(request) + ArticlePath(article);
        var body = new StringBuilder("<article class=\"detail\">");
        body.Append(F($"<div class=\"detail-cate\"><a href=\"/{article.Category.Slug}.htm\">{Text(article.Category.Name)}</a></div>"));
        body.Append(F($"<h1 class=\"detail-title\">{Text(article.Title)}</h1>"));
        body.Append(F($"<div class=\"detail-author\"><span class=\"author\">{Text(article.Author)}</span> <span class=\"detail-time\">{article.PublishedAt.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)}</span></div>"));
        body.Append(F($"<h2 class=\"detail-sapo\">(TTV) - {Text(article.Lead)}</h2><div class=\"detail-content\">"));
        body.Append(F($"<figure class=\"VCSortableInPreviewMode\"><img src=\"/dataimages/{article.PublishedAt:yyyyMM}/original/resize_images{article.Sequence}_1.jpg\" alt=\"{Text(article.Title)} - Ảnh 1.\"><figcaption>Ảnh minh họa.</figcaption></figure>"));
        foreach (var paragraph in article.Paragraphs)
        {
            body.Append(F($"<p>{Text(paragraph)}</p>"));
        }

        body.Append("</div><div class=\"hotline\">Đường dây nóng: 0237 3721150</div></article>");
        var head = F($"<link rel=\"canonical\" href=\"{url}\"><meta property=\"og:url\" content=\"{url}\"><meta property=\"og:title\" content=\"{Text(article.Title)}\"><meta name=\"description\" content=\"{Text(article.Lead)}\">");
        return Layout(request, article.Title, body.ToString(), head);
    }

    private static string Layout(HttpRequest request, string title, string content, string? head) => F($"""
        <!DOCTYPE html>
        <html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
        <title>{Text(title)}</title>
        <link rel="alternate" type="application/rss+xml" href="{Origin(request)}{FeedPath}" title="Tin tức">
        {head}
        </head><body><header class="header"><a href="/" class="logo">TTV</a><a href="/truyen-hinh.htm">Truyền hình</a></header>
        <main class="main">{content}</main>
        <footer>Báo và Đài Phát thanh – Truyền hình Thanh Hóa. Trang thử nghiệm của dự án Monitor.</footer></body></html>
        """);

    private string Feed(HttpRequest request)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Truyền hình Thanh Hóa - Tin tức</title>");
        xml.Append(F($"<link>{Origin(request)}/</link><language>vi</language>"));
        foreach (var article in Newest.Take(60))
        {
            // Links in the feed carry campaign parameters; the page's canonical link does not.
            xml.Append(F($"<item><title><![CDATA[{article.Title}]]></title><link>{Origin(request)}{ArticlePath(article)}?utm_source=rss&amp;utm_medium=feed</link><guid isPermaLink=\"true\">{Origin(request)}{ArticlePath(article)}</guid><pubDate>{Rfc822(article.PublishedAt)}</pubDate><description><![CDATA[{article.Lead}]]></description></item>"));
        }

        xml.Append("</channel></rss>");
        return xml.ToString();
    }

    [GeneratedRegex(@"^/(?<slug>[a-z0-9-]+)-(?<id>\d{18})\.htm$")]
    private static partial Regex ArticleUrl();
}
