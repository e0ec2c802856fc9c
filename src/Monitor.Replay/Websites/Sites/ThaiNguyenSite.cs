using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Monitor.Replay.Websites.Content;

namespace Monitor.Replay.Websites.Sites;

/// <summary>
/// thainguyentv.vn: <c>/&lt;slug&gt;-&lt;id&gt;.html</c> articles, a NetBiz-style theme under
/// <c>/modules/frontend/themes/ptthtn/</c>, an RSS feed found only through
/// <c>&lt;link rel=alternate&gt;</c>, dates printed "20:18 , 23/11/2026", comment counts, ETag and
/// Last-Modified on every page.
/// </summary>
internal sealed partial class ThaiNguyenSite(IReadOnlyList<ReplayArticle> articles) : ReplaySite(articles)
{
    public const string FeedPath = "/rss/tin-moi-nhat.rss";

    public override string Host => "thainguyentv.vn";

    public static string ArticlePath(ReplayArticle article) => F($"/{article.Slug}-{Id(article)}.html");

    public static int Id(ReplayArticle article) => 120_000 + (article.Sequence * 7);

    public override string PathOf(ReplayArticle article) => ArticlePath(article);

    public override IResult Respond(HttpRequest request, string path)
    {
        if (path is "" or "/")
        {
            return Utf8(Home(request), "text/html", NewestModified, withEntityTag: true);
        }

        if (path == FeedPath)
        {
            return Utf8(Feed(request), "application/rss+xml", NewestModified, withEntityTag: true);
        }

        if (path == "/robots.txt")
        {
            return Results.Text("User-agent: *\nDisallow: /admin/\nDisallow: /tim-kiem\n", "text/plain");
        }

        if (path == "/lich-su-ve-dai")
        {
            return Utf8(Layout(request, "Lịch sử về Đài", "<div class=\"static-page\"><h1>Lịch sử về Đài</h1><p>Đài được thành lập để phục vụ nhân dân các dân tộc trong tỉnh.</p></div>", null), "text/html", null, withEntityTag: true);
        }

        var match = ArticleUrl().Match(path);
        var article = match.Success ? Articles.FirstOrDefault(a => Id(a).ToString(CultureInfo.InvariantCulture) == match.Groups["id"].Value) : null;
        return article is null
            ? Results.NotFound()
            : Utf8(Page(request, article), "text/html", Modified(article), withEntityTag: true);
    }

    private string Home(HttpRequest request)
    {
        var list = new StringBuilder("<div class=\"list-news\">");
        foreach (var article in Newest.Take(20))
        {
            list.Append(F($"<div class=\"item-news\"><h3 class=\"title-news\"><a href=\"{ArticlePath(article)}\">{Text(article.Title)}</a></h3><p class=\"sapo\">{Text(article.Lead)}</p></div>"));
        }

        list.Append("</div><a href=\"/lich-su-ve-dai\">Lịch sử về Đài</a>");
        return Layout(request, "Báo và Phát thanh, Truyền hình Thái Nguyên", list.ToString(), null);
    }

    private static string Page(HttpRequest request, ReplayArticle article)
    {
        var url = Origin(request) + ArticlePath(article);
        var body = new StringBuilder();
        body.Append(F($"<div class=\"detail-news\"><ul class=\"breadcrumb\"><li><a href=\"/\">Trang chủ</a></li><li class=\"cate\"><a href=\"/{article.Category.Slug}\">{Text(article.Category.Name)}</a></li></ul>"));
        body.Append(F($"<h1 class=\"title-detail\">{Text(article.Title)}</h1>"));
        body.Append(F($"<div class=\"box-date\"><span class=\"date\">{article.PublishedAt.ToString("HH:mm , dd/MM/yyyy", CultureInfo.InvariantCulture)}</span></div>"));
        body.Append(F($"<div class=\"sapo-detail\"><strong>{Text(article.Lead)}</strong></div><div class=\"content-detail\">"));
        foreach (var paragraph in article.Paragraphs)
        {
            body.Append(F($"<p>{Text(paragraph)}</p>"));
        }

        body.Append(F($"</div><p class=\"author\">{Text(article.Author)}</p>"));
        body.Append(F($"<div class=\"box-comment\"><span class=\"count\">{article.CommentCount}</span> bình luận</div>"));
        body.Append("<div class=\"related\"><h4>Tin liên quan</h4><a href=\"/lich-su-ve-dai\">Lịch sử về Đài</a></div></div>");
        var head = F($"<link rel=\"canonical\" href=\"{url}\"><meta property=\"og:title\" content=\"{Text(article.Title)}\"><meta property=\"og:type\" content=\"article\"><meta property=\"article:published_time\" content=\"{W3c(article.PublishedAt)}\">");
        return Layout(request, article.Title, body.ToString(), head);
    }

    private static string Layout(HttpRequest request, string title, string content, string? head) => F($"""
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <title>{Text(title)}</title>
        <link rel="alternate" type="application/rss+xml" title="Tin mới nhất" href="{FeedPath}">
        <link rel="stylesheet" href="/modules/frontend/themes/ptthtn/css/style.css">
        {head}
        </head>
        <body>
        <div class="header"><a class="logo" href="/"><img src="/modules/frontend/themes/ptthtn/images/logo.png" alt="TNTV"></a>
        <span class="site-clock">Chủ nhật 22/11/2026 05:00</span>
        <a href="{Origin(request)}{FeedPath}">RSS</a> <a href="/tim-kiem?q=">Tìm kiếm</a></div>
        <div class="main">{content}</div>
        <div class="footer">Báo và Phát thanh, Truyền hình Thái Nguyên. Trang thử nghiệm của dự án Monitor.</div>
        </body>
        </html>
        """);

    private string Feed(HttpRequest request)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>TNTV - Tin mới nhất</title>");
        xml.Append(F($"<link>{Origin(request)}/</link><language>vi</language>"));
        foreach (var article in Newest)
        {
            xml.Append(F($"<item><title>{Text(article.Title)}</title><link>{Origin(request)}{ArticlePath(article)}</link><guid isPermaLink=\"false\">{Id(article)}</guid><pubDate>{Rfc822(article.PublishedAt)}</pubDate><description><![CDATA[<p>{article.Lead}</p>]]></description><category>{Text(article.Category.Name)}</category></item>"));
        }

        xml.Append("</channel></rss>");
        return xml.ToString();
    }

    [GeneratedRegex(@"^/(?<slug>[a-z0-9-]+)-(?<id>\d+)\.html$")]
    private static partial Regex ArticleUrl();
}
