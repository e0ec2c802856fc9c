using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Monitor.Replay.Websites.Content;

namespace Monitor.Replay.Websites;

/// <summary>
/// One replayed station website. A site answers every GET under its root from <see cref="Respond"/>;
/// links it prints are absolute on the authority the request came to, so the same site works on
/// any loopback port.
/// </summary>
internal abstract class ReplaySite
{
    protected ReplaySite(IReadOnlyList<ReplayArticle> articles) => Articles = articles;

    /// <summary>The real station's host name, e.g. "thainguyentv.vn".</summary>
    public abstract string Host { get; }

    public IReadOnlyList<ReplayArticle> Articles { get; }

    /// <summary>Articles the collector may collect (the robots.txt-disallowed ones excluded).</summary>
    public virtual int PublicArticleCount => Articles.Count;

    public abstract IResult Respond(HttpRequest request, string path);

    /// <summary>Where the site serves an article (path and query, from the root).</summary>
    public abstract string PathOf(ReplayArticle article);

    protected static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    /// <summary>Newest first, as every home page and feed lists them.</summary>
    protected IEnumerable<ReplayArticle> Newest => Articles.OrderByDescending(a => a.PublishedAt);

    /// <summary>A UTF-8 page, with optional validators so a collector can ask again conditionally.</summary>
    protected static IResult Utf8(string body, string contentType, DateTimeOffset? lastModified, bool withEntityTag) =>
        Bytes(Encoding.UTF8.GetBytes(body), contentType + "; charset=utf-8", lastModified, withEntityTag);

    protected static IResult Bytes(byte[] bytes, string contentType, DateTimeOffset? lastModified, bool withEntityTag)
    {
        // The file result answers If-None-Match / If-Modified-Since with 304 itself.
        var tag = withEntityTag
            ? new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"")
            : null;
        return Results.Bytes(bytes, contentType, lastModified: lastModified?.ToUniversalTime(), entityTag: tag);
    }

    protected static string Text(string value) => HtmlText.Escape(value);

    protected static string Rfc822(DateTimeOffset time) =>
        time.ToString("ddd, dd MMM yyyy HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture) + "+0700";

    protected static string W3c(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+07:00";

    /// <summary>When the article last changed: a while after publication, as editors fix typos.</summary>
    protected static DateTimeOffset Modified(ReplayArticle article) => article.PublishedAt.AddMinutes(17);

    protected DateTimeOffset? NewestModified => Articles.Count == 0 ? null : Articles.Max(Modified);

    protected static string F(FormattableString text) => FormattableString.Invariant(text);
}
