using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Monitor.Replay.Websites.Content;

namespace Monitor.Replay.Websites.Sites;

/// <summary>
/// langsontv.vn: an old <c>/templates/frontend/lstv/Assets/</c> CMS. No feed, no sitemap, no
/// robots.txt (404): articles are found only through the paginated listing. URLs are
/// <c>/news/&lt;category id&gt;/&lt;article id&gt;/&lt;slug&gt;</c>, dates "Thứ 4, 01.01.2026 | 08:00:00",
/// view counts "432,696 lượt xem". The markup is broken on purpose (unclosed and stray tags,
/// unquoted attributes), and the server sends no validators.
/// </summary>
internal sealed partial class LangSonSite(IReadOnlyList<ReplayArticle> articles) : ReplaySite(articles)
{
    public const int PageSize = 12;

    public override string Host => "langsontv.vn";

    public static string ArticlePath(ReplayArticle article) => F($"/news/{CategoryId(article.Category)}/{Id(article)}/{article.Slug}");

    public static int Id(ReplayArticle article) => 85_000 + (article.Sequence * 3);

    public int PageCount => (Articles.Count + PageSize - 1) / PageSize;

    public override string PathOf(ReplayArticle article) => ArticlePath(article);

    public override IResult Respond(HttpRequest request, string path)
    {
        if (path is "" or "/")
        {
            var page = int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
            return page < 1 || page > PageCount ? Results.NotFound() : Html(Listing(page));
        }

        var match = ArticleUrl().Match(path);
        var article = match.Success ? Articles.FirstOrDefault(a => Id(a).ToString(CultureInfo.InvariantCulture) == match.Groups["id"].Value) : null;
        return article is null ? Results.NotFound() : Html(Page(article));
    }

    private static int CategoryId(ReplayCategory category) => 450 + Math.Abs(StableHash(category.Slug) % 40);

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private static IResult Html(string body) => Results.Content(body, "text/html; charset=utf-8", Encoding.UTF8);

    private string Listing(int page)
    {
        var list = new StringBuilder("<div class=list-news>");
        foreach (var article in Newest.Skip((page - 1) * PageSize).Take(PageSize))
        {
            // Unclosed <li> and <span>: the old template never closed them.
            list.Append(F($"<li class=item><a class=\"title\" href=\"{ArticlePath(article)}\">{Text(article.Title)}</a><span class=view>{Views(article)}"));
        }

        list.Append("</div><div class=\"paging\">");
        if (page > 1)
        {
            list.Append(F($"<a class=\"prev\" href=\"/?page={page - 1}\">Trang trước</a>"));
        }

        if (page < PageCount)
        {
            list.Append(F($"<a class=\"next\" href=\"/?page={page + 1}\">Trang sau</a>"));
        }

        list.Append("</div>");
        return Layout("Đài Phát thanh và Truyền hình Lạng Sơn", list.ToString());
    }

    private static string Views(ReplayArticle article) => article.Views.ToString("#,0", CultureInfo.InvariantCulture) + " lượt xem";

    private static string Page(ReplayArticle article)
    {
        var when = article.PublishedAt;
        var date = VietnameseCalendar.WeekdayInDigits(when) + ", " + when.ToString("dd.MM.yyyy | HH:mm:ss", CultureInfo.InvariantCulture);
        var body = new StringBuilder("<div class=\"news-detail\">");
        body.Append(F($"<div class=breadcrumb><a href=/>Trang chủ</a> &raquo; <a href=\"/news/{CategoryId(article.Category)}\">{Text(article.Category.Name)}</a></div>"));
        body.Append(F($"<h1 class=\"news-title\">{Text(article.Title)}</h1>"));
        body.Append(F($"<div class=\"news-info\"><span class=\"date\">{date}</span> <span class=\"view\">{Views(article)}</span></div>"));
        body.Append(F($"<div class=\"news-sapo\"><b>{Text(article.Lead)}</div>"));
        body.Append("<div class=\"news-content\">");
        foreach (var paragraph in article.Paragraphs)
        {
            // <p> never closed, a stray </span>, a <font> left open: what years of WYSIWYG editing leave behind.
            body.Append(F($"<p style=text-align:justify>{Text(paragraph)}</span>"));
        }

        body.Append(F($"<p align=right><font color=#333><b>{Text(article.Author)}</b></div>"));
        body.Append("<div class=\"news-other\"><h3>Tin khác</h3><ul><li><a href=\"/?page=2\">Xem thêm</a></ul></div>");
        return Layout(article.Title, body.ToString());
    }

    private static string Layout(string title, string content) => F($"""
        <html>
        <head>
        <meta http-equiv=Content-Type content="text/html; charset=utf-8">
        <title>{Text(title)}</title>
        <link href="/templates/frontend/lstv/Assets/css/style.css" rel=stylesheet>
        <body>
        <div id=header><img src="/templates/frontend/lstv/Assets/img/logo_lstv.png" alt="LSTV">
        <table class=menu><tr><td><a href="/">Trang chủ</a><td><a href="/?page=1">Tin tức</a></table>
        <div id=main>{content}
        <div id=footer>Đài Phát thanh và Truyền hình Lạng Sơn - 9 Hoàng Văn Thụ. Trang thử nghiệm của dự án Monitor.
        </body>
        """);

    [GeneratedRegex(@"^/news/(?<cat>\d+)/(?<id>\d+)/(?<slug>[a-z0-9-]+)$")]
    private static partial Regex ArticleUrl();
}
