using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Monitor.Replay.Websites;

/// <summary>
/// Endpoints for tests only, under <c>/_test/</c> on every replayed site. No page, feed or sitemap
/// links to them, so the demo never discovers them.
/// </summary>
internal static class TestRoutes
{
    public const long HugePageBytes = 50L * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app, ReplaySite site)
    {
        app.MapGet("/_test/listing-with-broken-links", () => Results.Content(ListingWithBrokenLinks(site), "text/html; charset=utf-8", Encoding.UTF8));
        app.MapGet("/_test/status/{code:int}", (int code) => Results.Text($"Mã trạng thái {code}", "text/plain; charset=utf-8", Encoding.UTF8, code));
        app.MapGet("/_test/broken-{id:int}.html", () => Results.Text("Lỗi máy chủ", "text/plain; charset=utf-8", Encoding.UTF8, 500));
        app.MapGet("/_test/slow", (Delegate)SlowAsync);
        app.MapGet("/_test/huge", HugeAsync);
        app.MapGet("/_test/redirect/{hops:int}", (int hops) => hops <= 0
            ? Results.Content("<html><head><title>Đích đến</title></head><body>Đã tới nơi.</body></html>", "text/html; charset=utf-8", Encoding.UTF8)
            : Results.Redirect("/_test/redirect/" + (hops - 1).ToString(CultureInfo.InvariantCulture)));
        app.MapGet("/_test/charset/{kind}", (string kind) => CharsetSamples.For(kind) is { } sample
            ? Results.Bytes(sample.Body, sample.ContentType)
            : Results.NotFound());
    }

    /// <summary>Three good articles of the site, one link that answers 500 and one that answers 404.</summary>
    private static string ListingWithBrokenLinks(ReplaySite site)
    {
        var links = site.Articles.Take(3).Select(a => $"<li><a href=\"{site.PathOf(a)}\">{Content.HtmlText.Escape(a.Title)}</a></li>")
            .Append("<li><a href=\"/_test/broken-12345.html\">Bài lỗi máy chủ</a></li>")
            .Append("<li><a href=\"/_test/missing-67890.html\">Bài đã gỡ</a></li>");
        return "<html><head><meta charset=\"utf-8\"><title>Danh sách thử</title></head><body><ul>" + string.Concat(links) + "</ul></body></html>";
    }

    /// <summary>Answers after 30 s, or never if the client gives up first: a timeout target.</summary>
    private static async Task<IResult> SlowAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return Results.Empty;
        }

        return Results.Content("<html><head><title>Chậm</title></head></html>", "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>A 50 MB page written in chunks, so the server never holds it whole either.</summary>
    private static async Task HugeAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var head = Encoding.UTF8.GetBytes("<html><head><title>Trang rất lớn</title></head><body>");
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<p>Nội dung lặp lại để thử giới hạn kích thước trang.</p>\n", 1000)));
        await context.Response.Body.WriteAsync(head, context.RequestAborted);
        long written = head.Length;
        while (written < HugePageBytes && !context.RequestAborted.IsCancellationRequested)
        {
            var size = (int)Math.Min(chunk.Length, HugePageBytes - written);
            try
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, size), context.RequestAborted);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // The client stopped reading at its size cap: that is what the page is for.
                return;
            }

            written += size;
        }
    }
}
