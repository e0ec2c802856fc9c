using System.Xml;
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

    /// <summary>
    /// Reads a <c>urlset</c> or <c>sitemapindex</c> forward-only: memory holds the entries found, not
    /// a tree of the file. Null when the text is not XML or its root is something else (a feed).
    /// A file that breaks off midway (cut at the cap) keeps the entries read before the break.
    /// </summary>
    public static SitemapContent? TryReadStreaming(string text, Uri sitemapUrl)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        var entries = new List<DiscoveredLink>();
        bool index;
        using var reader = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t')), settings);
        try
        {
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName is not ("urlset" or "sitemapindex"))
            {
                return null;
            }

            index = reader.LocalName == "sitemapindex";
        }
        catch (XmlException)
        {
            return null;
        }

        try
        {
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName is "url" or "sitemap")
                {
                    // ReadFrom consumes the element and leaves the reader on what follows it.
                    if (XNode.ReadFrom(reader) is XElement element && Entry(element, sitemapUrl) is { } entry)
                    {
                        entries.Add(entry);
                    }
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException)
        {
            // Truncated or broken past this point: what was read stands.
        }

        return index ? new SitemapContent(entries, []) : new SitemapContent([], entries);
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
