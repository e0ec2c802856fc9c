using System.Runtime.CompilerServices;
using HtmlAgilityPack;
using Monitor.Extraction.Body;

namespace Monitor.Extraction.Metadata;

/// <summary>Collects page metadata in one walk over the parsed document, before any pruning.</summary>
internal static class MetadataReader
{
    private const int MaxHeadings = 8;
    private const int MaxAuthorText = 80;

    public static PageMetadata Read(HtmlDocument document)
    {
        var scan = new Scan();
        scan.Walk(document.DocumentNode);
        var jsonLd = new JsonLdReader.Result();
        foreach (var script in scan.JsonLdScripts)
        {
            JsonLdReader.Read(script, jsonLd);
        }

        return new PageMetadata
        {
            JsonLdHeadline = Clean(jsonLd.Headline),
            JsonLdAuthor = Clean(jsonLd.Author),
            JsonLdPublished = jsonLd.Published ?? jsonLd.PageDate,
            JsonLdSection = Clean(jsonLd.Section),
            JsonLdLanguage = jsonLd.Language,
            JsonLdIsArticle = jsonLd.IsArticle,
            JsonLdIsListing = jsonLd.IsListing,
            OpenGraphTitle = Clean(scan.Meta("og:title") ?? scan.Meta("twitter:title")),
            OpenGraphType = scan.Meta("og:type"),
            OpenGraphSiteName = Clean(scan.Meta("og:site_name") ?? scan.Meta("application-name")),
            OpenGraphLocale = scan.Meta("og:locale"),
            MetaPublished = scan.Meta("article:published_time") ?? scan.Meta("og:published_time")
                ?? scan.Meta("datepublished") ?? scan.Meta("pubdate") ?? scan.Meta("publishdate")
                ?? scan.Meta("publish-date") ?? scan.Meta("publish_date") ?? scan.Meta("dc.date.issued")
                ?? scan.Meta("dc.date") ?? scan.Meta("dcterms.created") ?? scan.Meta("date")
                ?? scan.Meta("sailthru.date") ?? scan.Meta("parsely-pub-date") ?? scan.Meta("article.published")
                ?? scan.Meta("originalpublicationdate") ?? scan.Meta("created"),
            MetaAuthor = UsableAuthor(scan.Meta("author") ?? scan.Meta("article:author") ?? scan.Meta("dc.creator")
                ?? scan.Meta("sailthru.author") ?? scan.Meta("parsely-author") ?? scan.Meta("byl")),
            MetaSection = Clean(scan.Meta("article:section")),
            DocumentTitle = Clean(scan.Title),
            HtmlLanguage = scan.HtmlLanguage ?? scan.Meta("content-language") ?? scan.Meta("language"),
            TimeElementPublished = scan.PublishedTime ?? scan.FirstTime,
            CanonicalUrl = scan.Canonical ?? scan.Meta("og:url"),
            Headings = scan.Headings,
            HeadingAuthorCandidates = scan.AuthorTexts,
            DateTexts = scan.DateTexts,
            HeadlineLinks = scan.HeadlineLinks,
        };
    }

    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var decoded = BlockText.Collapse(HtmlEntity.DeEntitize(text));
        return decoded.Length == 0 ? null : decoded;
    }

    private static string? UsableAuthor(string? text)
    {
        var cleaned = Clean(text);
        return cleaned is null || cleaned.StartsWith("http", StringComparison.OrdinalIgnoreCase) || cleaned.Length > MaxAuthorText
            ? null
            : cleaned;
    }

    private sealed class Scan
    {
        private readonly Dictionary<string, string> meta = new(StringComparer.OrdinalIgnoreCase);

        public List<string> JsonLdScripts { get; } = [];

        public List<string> Headings { get; } = [];

        public List<string> AuthorTexts { get; } = [];

        public List<string> DateTexts { get; } = [];

        public int HeadlineLinks { get; private set; }

        public string? Title { get; private set; }

        public string? HtmlLanguage { get; private set; }

        public string? PublishedTime { get; private set; }

        public string? FirstTime { get; private set; }

        public string? Canonical { get; private set; }

        public string? Meta(string key) => meta.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public void Walk(HtmlNode node)
        {
            // Pathologically nested pages fail with a catchable error instead of overflowing the stack.
            RuntimeHelpers.EnsureSufficientExecutionStack();
            for (var child = node.FirstChild; child is not null; child = child.NextSibling)
            {
                if (child.NodeType != HtmlNodeType.Element)
                {
                    continue;
                }

                if (Visit(child))
                {
                    Walk(child);
                }
            }
        }

        /// <summary>Reads one element; false when its children need no look.</summary>
        private bool Visit(HtmlNode node)
        {
            switch (node.Name)
            {
                case "html":
                    HtmlLanguage ??= NonEmpty(node.GetAttributeValue("lang", null) ?? node.GetAttributeValue("xml:lang", null));
                    return true;
                case "title" when Title is null && node.ParentNode?.Name is "head" or "html" or "#document":
                    Title = node.InnerText;
                    return false;
                case "meta":
                    ReadMeta(node);
                    return false;
                case "link":
                    if (Canonical is null && string.Equals(node.GetAttributeValue("rel", null), "canonical", StringComparison.OrdinalIgnoreCase))
                    {
                        Canonical = NonEmpty(node.GetAttributeValue("href", null));
                    }

                    return false;
                case "script":
                    if (node.GetAttributeValue("type", string.Empty).Contains("ld+json", StringComparison.OrdinalIgnoreCase))
                    {
                        JsonLdScripts.Add(node.InnerHtml);
                    }

                    return false;
                case "style" or "noscript" or "template" or "svg":
                    return false;
                case "time":
                    ReadTime(node);
                    return true;
                case "h1":
                    if (Headings.Count < MaxHeadings)
                    {
                        var text = BlockText.Inline(node);
                        if (text.Length > 0)
                        {
                            Headings.Add(text);
                        }
                    }

                    return false;
            }

            if (node.Name == "a")
            {
                CountHeadlineLink(node);
            }

            var itemprop = node.GetAttributeValue("itemprop", null);
            if (itemprop is not null)
            {
                ReadMicrodata(node, itemprop);
            }

            if (AuthorTexts.Count < MaxHeadings && LooksLikeAuthorElement(node, itemprop))
            {
                var text = BlockText.Inline(node);
                if (text.Length is > 1 and <= MaxAuthorText)
                {
                    AuthorTexts.Add(text);
                    return false;
                }
            }

            if (DateTexts.Count < MaxHeadings && LooksLikeDateElement(node))
            {
                var text = BlockText.Inline(node);
                if (text.Length is >= 8 and <= MaxAuthorText)
                {
                    DateTexts.Add(text);
                    return false;
                }
            }

            return true;
        }

        private void CountHeadlineLink(HtmlNode anchor)
        {
            var words = 0;
            var inWord = false;
            foreach (var c in anchor.InnerText)
            {
                var letter = char.IsLetterOrDigit(c);
                if (letter && !inWord)
                {
                    words++;
                }

                inWord = letter;
            }

            if (words >= 4)
            {
                HeadlineLinks++;
            }
        }

        private static bool LooksLikeDateElement(HtmlNode node)
        {
            if (node.Name is "a" or "ul" or "ol" or "nav" or "body" or "main" or "article")
            {
                return false;
            }

            var cls = string.Concat(node.GetAttributeValue("class", null), " ", node.GetAttributeValue("id", null));
            return cls.Length > 1 && (cls.Contains("date", StringComparison.OrdinalIgnoreCase)
                || cls.Contains("time", StringComparison.OrdinalIgnoreCase)
                || cls.Contains("publish", StringComparison.OrdinalIgnoreCase)
                || cls.Contains("ngay", StringComparison.OrdinalIgnoreCase)
                || cls.Contains("posted", StringComparison.OrdinalIgnoreCase));
        }

        private void ReadMeta(HtmlNode node)
        {
            var key = node.GetAttributeValue("property", null) ?? node.GetAttributeValue("name", null)
                ?? node.GetAttributeValue("itemprop", null) ?? node.GetAttributeValue("http-equiv", null);
            var content = node.GetAttributeValue("content", null);
            if (key is not null && content is not null && !meta.ContainsKey(key))
            {
                meta[key] = content;
            }
        }

        private void ReadTime(HtmlNode node)
        {
            var value = NonEmpty(node.GetAttributeValue("datetime", null)) ?? NonEmpty(node.InnerText);
            if (value is null)
            {
                return;
            }

            FirstTime ??= value;
            var cues = string.Concat(node.GetAttributeValue("itemprop", string.Empty), " ", node.GetAttributeValue("class", string.Empty),
                " ", node.ParentNode?.GetAttributeValue("class", string.Empty));
            if (PublishedTime is null && (node.Attributes.Contains("pubdate")
                || cues.Contains("publish", StringComparison.OrdinalIgnoreCase)
                || cues.Contains("posted", StringComparison.OrdinalIgnoreCase)
                || cues.Contains("created", StringComparison.OrdinalIgnoreCase)))
            {
                PublishedTime = value;
            }
        }

        private void ReadMicrodata(HtmlNode node, string itemprop)
        {
            if (itemprop.Equals("datePublished", StringComparison.OrdinalIgnoreCase))
            {
                var value = NonEmpty(node.GetAttributeValue("content", null)) ?? NonEmpty(node.GetAttributeValue("datetime", null));
                if (value is not null && !meta.ContainsKey("datepublished"))
                {
                    meta["datepublished"] = value;
                }
            }
        }

        private static bool LooksLikeAuthorElement(HtmlNode node, string? itemprop)
        {
            if (itemprop is not null && itemprop.Contains("author", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (node.Name == "a" && node.GetAttributeValue("rel", string.Empty).Contains("author", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var cls = node.GetAttributeValue("class", null);
            return cls is not null && (cls.Contains("author", StringComparison.OrdinalIgnoreCase) || cls.Contains("byline", StringComparison.OrdinalIgnoreCase))
                && !cls.Contains("avatar", StringComparison.OrdinalIgnoreCase) && !cls.Contains("bio", StringComparison.OrdinalIgnoreCase);
        }

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
