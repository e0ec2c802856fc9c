using System.Xml.Linq;

namespace Monitor.Collection.Web;

/// <summary>A sitemap's content: either child sitemaps (an index) or page URLs.</summary>
public sealed record SitemapContent(IReadOnlyList<DiscoveredLink> ChildSitemaps, IReadOnlyList<DiscoveredLink> Pages);

/// <summary>
/// Reads sitemaps.org <c>urlset</c> and <c>sitemapindex</c> files, including Google News sitemaps,
/// where <c>news:publication_date</c> is the change time when <c>lastmod</c> is absent.
/// </summary>
public static class SitemapReader
{
    public static bool LooksLikeSitemap(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Root?.Name.LocalName is "urlset" or "sitemapindex";
    }

    public static SitemapContent Read(XDocument document, Uri sitemapUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        if (root is null)
        {
            return new SitemapContent([], []);
        }

        var entries = root.Elements()
            .Where(e => e.Name.LocalName is "url" or "sitemap")
            .Select(e => Entry(e, sitemapUrl))
            .OfType<DiscoveredLink>()
            .ToList();
        return root.Name.LocalName == "sitemapindex" ? new SitemapContent(entries, []) : new SitemapContent([], entries);
    }

    private static DiscoveredLink? Entry(XElement element, Uri sitemapUrl)
    {
        var loc = element.Elements().FirstOrDefault(e => e.Name.LocalName == "loc")?.Value.Trim();
        if (string.IsNullOrEmpty(loc) || !Uri.TryCreate(sitemapUrl, loc, out var url) || url.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var lastmod = element.Elements().FirstOrDefault(e => e.Name.LocalName == "lastmod")?.Value;
        var published = element.Descendants().FirstOrDefault(e => e.Name.LocalName == "publication_date")?.Value;
        return new DiscoveredLink(url, FeedDates.Parse(lastmod) ?? FeedDates.Parse(published));
    }
}
