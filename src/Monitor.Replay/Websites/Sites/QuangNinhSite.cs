using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Monitor.Replay.Websites.Content;

namespace Monitor.Replay.Websites.Sites;

/// <summary>
/// baoquangninh.vn in the style of its older CMS: every page in Windows-1258 (tone marks as
/// combining characters), declared only by <c>&lt;meta http-equiv&gt;</c> while the HTTP header says
/// plain <c>text/html</c>. Articles at <c>/&lt;slug&gt;-&lt;7 digits&gt;.html</c>, dates "23/01/2026 - 17:55",
/// comment counts. Discovery through listing pages that paginate with <c>&lt;link rel="next"&gt;</c>.
/// </summary>
internal sealed partial class QuangNinhSite(IReadOnlyList<ReplayArticle> articles) : ReplaySite(articles)
{
    public const int PageSize = 15;

    public override string Host => "baoquangninh.vn";

    public static string ArticlePath(ReplayArticle article) => F($"/{article.Slug}-{Id(article)}.html");

    public static int Id(ReplayArticle article) => 3_400_000 + (article.Sequence * 11);

    public int PageCount => (Articles.Count + PageSize - 1) / PageSize;

    public override string PathOf(ReplayArticle article) => ArticlePath(article);

    public override IResult Respond(HttpRequest request, string path)
    {
        if (path == "/robots.txt")
        {
            return Results.Text("User-agent: *\nAllow: /\n", "text/plain");
        }

        if (path is "" or "/")
        {
            var page = int.TryParse(request.Query["trang"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
            return page < 1 || page > PageCount
                ? Results.NotFound()
                : Windows1258(Listing(page), NewestModified);
        }

        var match = ArticleUrl().Match(path);
        var article = match.Success ? Articles.FirstOrDefault(a => Id(a).ToString(CultureInfo.InvariantCulture) == match.Groups["id"].Value) : null;
        return article is null ? Results.NotFound() : Windows1258(Page(request, article), Modified(article));
    }

    private static IResult Windows1258(string html, DateTimeOffset? lastModified) =>
        Bytes(Windows1258Text.Encode(html), "text/html", lastModified, withEntityTag: true);

    private string Listing(int page)
    {
        var head = new StringBuilder();
        if (page > 1)
        {
            head.Append(F($"<link rel=\"prev\" href=\"/?trang={page - 1}\">"));
        }

        if (page < PageCount)
        {
            head.Append(F($"<link rel=\"next\" href=\"/?trang={page + 1}\">"));
        }

        var list = new StringBuilder("<div class=\"list-story\">");
        foreach (var article in Newest.Skip((page - 1) * PageSize).Take(PageSize))
        {
            list.Append(F($"<div class=\"story\"><h3 class=\"story-title\"><a href=\"{ArticlePath(article)}\">{Text(article.Title)}</a></h3><div class=\"story-summary\">{Text(article.Lead)}</div></div>"));
        }

        list.Append(F($"</div><div class=\"pager\">Trang {page}</div>"));
        return Layout("Báo Quảng Ninh - Tin tức", list.ToString(), head.ToString());
    }

    private static string Page(HttpRequest request, ReplayArticle article)
    {
        var body = new StringBuilder("<div class=\"article\">");
        body.Append(F($"<div class=\"category\"><a href=\"/{article.Category.Slug}/\">{Text(article.Category.Name)}</a></div>"));
        body.Append(F($"<h1 class=\"article-title\">{Text(article.Title)}</h1>"));
        body.Append(F($"<div class=\"date\">{article.PublishedAt.ToString("dd/MM/yyyy - HH:mm", CultureInfo.InvariantCulture)}</div>"));
        body.Append(F($"<div class=\"lead\">{Text(article.Lead)}</div><div class=\"content\" id=\"content\">"));
        body.Append(F($"<table class=\"image\"><tr><td><img src=\"https://media.baoquangninh.vn/upload/image/{article.PublishedAt:yyyyMM}/medium/{Id(article)}_anh.jpg\"></td></tr><tr><td class=\"caption\">Ảnh: {Text(article.Author)}</td></tr></table>"));
        foreach (var paragraph in article.Paragraphs)
        {
            body.Append(F($"<p>{Text(paragraph)}</p>"));
        }

        body.Append(F($"</div><div class=\"author\">{Text(article.Author)}</div>"));
        body.Append(F($"<div class=\"comment-box\"><span class=\"comment-count\">{article.CommentCount} bình luận</span></div></div>"));
        var head = F($"<link rel=\"canonical\" href=\"{Origin(request)}{ArticlePath(article)}\"><meta property=\"og:title\" content=\"{Text(article.Title)}\">");
        return Layout(article.Title, body.ToString(), head);
    }

    private static string Layout(string title, string content, string head) => F($"""
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
        <html xmlns="http://www.w3.org/1999/xhtml"><head>
        <meta http-equiv="Content-Type" content="text/html; charset=windows-1258" />
        <title>{Text(title)}</title>{head}</head>
        <body><div id="header"><a href="/">Báo Quảng Ninh</a> - Trung tâm Truyền thông tỉnh Quảng Ninh</div>
        <div id="wrapper">{content}</div>
        <div id="footer">Trung tâm Truyền thông tỉnh Quảng Ninh. Trang thử nghiệm của dự án Monitor.</div></body></html>
        """);

    [GeneratedRegex(@"^/(?<slug>[a-z0-9-]+)-(?<id>\d{7})\.html$")]
    private static partial Regex ArticleUrl();
}
