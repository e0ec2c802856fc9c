using Microsoft.AspNetCore.Http;

namespace Monitor.Worker.Web.Static;

/// <summary>The stylesheet, embedded in the executable so the dashboard needs no files beside it and nothing from a CDN.</summary>
internal static class StaticFiles
{
    private static readonly Lazy<byte[]> Stylesheet = new(() =>
    {
        using var stream = typeof(StaticFiles).Assembly.GetManifestResourceStream("Monitor.Worker.Web.Static.site.css")
            ?? throw new InvalidOperationException("The dashboard stylesheet is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Css(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(Stylesheet.Value, "text/css; charset=utf-8");
    }
}
