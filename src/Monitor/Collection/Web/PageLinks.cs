using System.Text.RegularExpressions;
using HtmlAgilityPack;
using Monitor.Extraction;

namespace Monitor.Collection.Web;

/// <summary>What an HTML page points to: its feeds, its canonical URL, its next page and its article links.</summary>
public sealed partial record PageLinks(IReadOnlyList<Uri> Feeds, Uri? Canonical, Uri? NextPage, IReadOnlyList<Uri> ArticleLinks)
{
    private static readonly string[] FeedTypes = ["application/rss+xml", "application/atom+xml", "application/rdf+xml"];

    /// <summary>
    /// Reads the links of a page. Article links come from the profile's <c>articleLinks</c> XPath;
    /// without one, from same-host links whose path carries a numeric id (every station CMS seen puts
    /// one in article URLs, and none in section pages). The next page comes from the profile's
    /// <c>nextPage</c> XPath, else <c>rel=next</c>.
    /// </summary>
    public static PageLinks Read(HtmlDocument document, Uri pageUrl, SiteProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var root = document.DocumentNode;
        var baseUrl = Resolve(pageUrl, root.SelectSingleNode("//base[@href]")?.GetAttributeValue("href", null)) ?? pageUrl;

        var feeds = new List<Uri>();
        foreach (var link in root.SelectNodes("//link[@rel and @href]") ?? Enumerable.Empty<HtmlNode>())
        {
            var rel = Tokens(link.GetAttributeValue("rel", ""));
            var type = link.GetAttributeValue("type", "").Trim().ToLowerInvariant();
            if (rel.Contains("alternate") && FeedTypes.Contains(type) && Resolve(baseUrl, Href(link)) is { } feed)
            {
                feeds.Add(feed);
            }
        }

        var canonical = root.SelectNodes("//link[@rel and @href]")?
            .Where(l => Tokens(l.GetAttributeValue("rel", "")).Contains("canonical"))
            .Select(l => Resolve(baseUrl, Href(l)))
            .FirstOrDefault(u => u is not null);

        var next = profile?.NextPageXPath is { Length: > 0 } nextXPath
            ? Select(root, nextXPath).Select(n => Resolve(baseUrl, Href(n))).FirstOrDefault(u => u is not null)
            : root.SelectNodes("//link[@rel and @href] | //a[@rel and @href]")?
                .Where(n => Tokens(n.GetAttributeValue("rel", "")).Contains("next"))
                .Select(n => Resolve(baseUrl, Href(n)))
                .FirstOrDefault(u => u is not null);

        var articles = profile?.ArticleLinkXPath is { Length: > 0 } articleXPath
            ? Select(root, articleXPath).Select(n => Resolve(baseUrl, Href(n)))
            : (root.SelectNodes("//a[@href]") ?? Enumerable.Empty<HtmlNode>())
                .Select(a => Resolve(baseUrl, Href(a)))
                .Where(u => u is not null && SameSite(u, pageUrl) && NumericId().IsMatch(u.AbsolutePath));

        return new PageLinks(
            feeds.Distinct().ToList(),
            canonical,
            next,
            articles.OfType<Uri>().Where(u => u.AbsolutePath != pageUrl.AbsolutePath || u.Query != pageUrl.Query).Distinct().ToList());
    }

    /// <summary>Same host, ignoring a leading "www.".</summary>
    public static bool SameSite(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        static string Bare(Uri u) => u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host;
        return string.Equals(Bare(a), Bare(b), StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
    }

    private static IEnumerable<HtmlNode> Select(HtmlNode root, string xpath) => root.SelectNodes(xpath) ?? Enumerable.Empty<HtmlNode>();

    /// <summary>An XPath ending in <c>/@href</c> selects the element in HtmlAgilityPack; either way the href is on the node.</summary>
    private static string? Href(HtmlNode node) =>
        node.GetAttributeValue("href", null) is { Length: > 0 } href ? HtmlEntity.DeEntitize(href) : node.InnerText?.Trim();

    private static string[] Tokens(string value) =>
        value.ToLowerInvariant().Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static Uri? Resolve(Uri baseUrl, string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(baseUrl, href.Trim(), out var url) && url.Scheme is "http" or "https" ? url : null;
    }

    [GeneratedRegex(@"\d{4,}")]
    private static partial Regex NumericId();
}
