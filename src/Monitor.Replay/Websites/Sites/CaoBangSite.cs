using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Monitor.Replay.Websites.Content;

namespace Monitor.Replay.Websites.Sites;

/// <summary>
/// caobangtv.vn (its real markup is unknown, so this is a plain modern CMS): an Atom feed found
/// through <c>&lt;link rel=alternate type=application/atom+xml&gt;</c>, articles at
/// <c>/&lt;category&gt;/&lt;slug&gt;-a&lt;id&gt;.html</c> that print only the day, "Chủ nhật, 28/11/2026",
/// with the full time in JSON-LD. Last-Modified only.
/// </summary>
internal sealed partial class CaoBangSite(IReadOnlyList<ReplayArticle> articles) : ReplaySite(articles)
{
    public const string FeedPath = "/feed.atom";

    public override string Host => "caobangtv.vn";

    public static string ArticlePath(ReplayArticle article) => F($"/{article.Category.Slug}/{article.Slug}-a{Id(article)}.html");

    public static int Id(ReplayArticle article) => 40_000 + (article.Sequence * 5);

    public override string PathOf(ReplayArticle article) => ArticlePath(article);

    public override IResult Respond(HttpRequest request, string path)
    {
        switch (path)
        {
            case "" or "/":
                return Utf8(Home(), "text/html", NewestModified, withEntityTag: false);
            case FeedPath:
                return Utf8(Feed(request), "application/atom+xml", NewestModified, withEntityTag: false);
            case "/robots.txt":
                return Results.Text("User-agent: *\nDisallow: /quan-tri/\n", "text/plain");
        }

        var match = ArticleUrl().Match(path);
        var article = match.Success ? Articles.FirstOrDefault(a => Id(a).ToString(CultureInfo.InvariantCulture) == match.Groups["id"].Value) : null;
        return article is null
            ? Results.NotFound()
            : Utf8(Page(request, article), "text/html", Modified(article), withEntityTag: false);
    }

    private string Home()
    {
        var list = new StringBuilder("<section class=\"latest\">");
        foreach (var article in Newest.Take(10))
        {
            list.Append(F($"<article class=\"card\"><h2><a href=\"{ArticlePath(article)}\">{Text(article.Title)}</a></h2></article>"));
        }

        return Layout("CRTV - Đài Phát thanh và Truyền hình Cao Bằng", list.Append("</section>").ToString(), null);
    }

    private static string Page(HttpRequest request, ReplayArticle article)
    {
        var when = article.PublishedAt;
        var day = VietnameseCalendar.WeekdayInWords(when) + ", " + when.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var body = new StringBuilder("<article class=\"post\">");
        body.Append(F($"<header><a class=\"post-category\" href=\"/{article.Category.Slug}/\">{Text(article.Category.Name)}</a><h1 class=\"post-title\">{Text(article.Title)}</h1>"));
        body.Append(F($"<div class=\"post-meta\"><time class=\"post-date\">{day}</time> · <span class=\"post-author\">{Text(article.Author)}</span></div></header>"));
        body.Append(F($"<div class=\"post-body\"><p class=\"lead\">{Text(article.Lead)}</p>"));
        foreach (var paragraph in article.Paragraphs)
        {
            body.Append(F($"<p>{Text(paragraph)}</p>"));
        }

        body.Append("</div><div class=\"share\">Chia sẻ</div></article>");
        var url = Origin(request) + ArticlePath(article);
        var jsonLd = F($$"""<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"{{Json(article.Title)}}","datePublished":"{{W3c(article.PublishedAt)}}","author":{"@type":"Person","name":"{{Json(article.Author)}}"},"mainEntityOfPage":"{{url}}"}</script>""");
        return Layout(article.Title, body.ToString(), F($"<link rel=\"canonical\" href=\"{url}\">{jsonLd}"));
    }

    private static string Json(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Layout(string title, string content, string? head) => F($"""
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{Text(title)}</title>
        <link rel="alternate feed" type="application/atom+xml" title="CRTV" href="{FeedPath}">
        {head}</head>
        <body><nav><a href="/">CRTV</a></nav><main>{content}</main>
        <footer>Đài Phát thanh và Truyền hình Cao Bằng. Trang thử nghiệm của dự án Monitor.</footer></body></html>
        """);

    private string Feed(HttpRequest request)
    {
        var origin = Origin(request);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\"><title>CRTV</title>");
        xml.Append(F($"<id>{origin}/</id><link rel=\"self\" href=\"{origin}{FeedPath}\"/><updated>{W3c(NewestModified ?? ArticleWriter.PeriodEnd)}</updated>"));
        foreach (var article in Newest)
        {
            xml.Append(F($"<entry><id>tag:caobangtv.vn,2026:{Id(article)}</id><title>{Text(article.Title)}</title><link rel=\"alternate\" type=\"text/html\" href=\"{origin}{ArticlePath(article)}#top\"/><published>{W3c(article.PublishedAt)}</published><updated>{W3c(Modified(article))}</updated><summary>{Text(article.Lead)}</summary></entry>"));
        }

        return xml.Append("</feed>").ToString();
    }

    [GeneratedRegex(@"^/(?<cat>[a-z-]+)/(?<slug>[a-z0-9-]+)-a(?<id>\d+)\.html$")]
    private static partial Regex ArticleUrl();
}
