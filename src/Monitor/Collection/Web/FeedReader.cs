using System.Xml;
using System.Xml.Linq;

namespace Monitor.Collection.Web;

/// <summary>Reads article links from RSS 2.0, RSS 1.0 (RDF) and Atom feeds. Element names are matched by local name.</summary>
public static class FeedReader
{
    public static bool LooksLikeFeed(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Root?.Name.LocalName is "rss" or "feed" or "RDF";
    }

    public static IReadOnlyList<DiscoveredLink> Read(XDocument document, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        if (root is null)
        {
            return [];
        }

        return root.Name.LocalName == "feed" ? ReadAtom(root, feedUrl) : ReadRss(root, feedUrl);
    }

    private static List<DiscoveredLink> ReadRss(XElement root, Uri feedUrl)
    {
        var links = new List<DiscoveredLink>();
        foreach (var item in root.Descendants().Where(e => e.Name.LocalName == "item"))
        {
            var link = Child(item, "link")?.Value.Trim();
            var guid = Child(item, "guid");
            if (string.IsNullOrEmpty(link) && guid is not null && !string.Equals((string?)guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase))
            {
                link = guid.Value.Trim();
            }

            var date = FeedDates.Parse(Child(item, "pubDate")?.Value ?? Child(item, "date")?.Value ?? Child(item, "updated")?.Value);
            Add(links, feedUrl, link, date);
        }

        return links;
    }

    private static List<DiscoveredLink> ReadAtom(XElement root, Uri feedUrl)
    {
        var links = new List<DiscoveredLink>();
        foreach (var entry in root.Elements().Where(e => e.Name.LocalName == "entry"))
        {
            var link = entry.Elements()
                .Where(e => e.Name.LocalName == "link")
                .FirstOrDefault(e => (string?)e.Attribute("rel") is null or "alternate");
            var date = FeedDates.Parse(Child(entry, "updated")?.Value ?? Child(entry, "published")?.Value);
            Add(links, feedUrl, (string?)link?.Attribute("href"), date);
        }

        return links;
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static void Add(List<DiscoveredLink> links, Uri baseUrl, string? href, DateTimeOffset? date)
    {
        if (!string.IsNullOrWhiteSpace(href) && Uri.TryCreate(baseUrl, href.Trim(), out var url) && url.Scheme is "http" or "https")
        {
            links.Add(new DiscoveredLink(url, date));
        }
    }

    /// <summary>Parses feed or sitemap XML without resolving DTDs or external entities.</summary>
    public static XDocument? TryParseXml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t')), settings);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
