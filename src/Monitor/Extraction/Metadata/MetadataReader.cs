using System.Runtime.CompilerServices;
using HtmlAgilityPack;
using Monitor.Extraction.Body;

namespace Monitor.Extraction.Metadata;

/// <summary>Collects page metadata in one walk over the parsed document, before any pruning.</summary>
internal static class MetadataReader
{
    private const int MaxHeadings = 8;
    private const int MaxAuthorText = 80;
    private const int MaxDateText = 120;
    private const int MaxTextDates = 64;
    private const int MaxDistanceAfterHeading = 400;

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
                ?? scan.Meta("originalpublicationdate") ?? scan.Meta("created") ?? scan.Meta("published"),
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
            DatesAfterHeading = scan.DatesAfterHeading,
            TextDatesNearHeading = NearHeading(scan.TextDates),
            HeadlineLinks = scan.HeadlineLinks,
        };
    }

    /// <summary>Dates after the headline first (nearest first), then those just before it (nearest first).</summary>
    private static List<string> NearHeading(List<(string Text, int Distance, bool AfterHeading)> dates) =>
    [
        .. dates.Where(d => d.AfterHeading).OrderBy(d => d.Distance).Select(d => d.Text),
        .. dates.Where(d => !d.AfterHeading && d.Distance <= MaxDistanceBeforeHeading).OrderBy(d => d.Distance).Select(d => d.Text),
    ];

    private const int MaxDistanceBeforeHeading = 60;

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

        /// <summary>Dates printed after the first &lt;h1&gt;: the article's own, not the site header's clock.</summary>
        public List<string> DatesAfterHeading { get; } = [];

        private bool seenHeading;
        private int elementIndex;
        private int headingIndex = -1;

        /// <summary>Short texts holding a year, with where they sit relative to the first &lt;h1&gt;.</summary>
        public List<(string Text, int Distance, bool AfterHeading)> TextDates { get; } = [];

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
                if (child.NodeType == HtmlNodeType.Text)
                {
                    ReadTextDate(((HtmlTextNode)child).Text);
                    continue;
                }

                if (child.NodeType != HtmlNodeType.Element)
                {
                    continue;
                }

                elementIndex++;

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
                    if (!seenHeading)
                    {
                        headingIndex = elementIndex;
                        MarkDatesBeforeHeading();
                    }

                    seenHeading = true;
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

                    // A byline box often carries the date too ("By An Nguyen March 30, 2023"), and we do not
                    // descend into it, so its date must be offered here.
                    if (text.Length >= 8 && text.AsSpan().ContainsAnyInRange('0', '9'))
                    {
                        AddDateText(text);
                    }

                    return false;
                }
            }

            if (DateTexts.Count < MaxHeadings && LooksLikeDateElement(node))
            {
                var text = BlockText.Inline(node);
                if (text.Length is >= 8 and <= MaxAuthorText)
                {
                    AddDateText(text);
                    return false;
                }
            }

            return true;
        }

        private void AddDateText(string text)
        {
            if (DateTexts.Count >= MaxHeadings)
            {
                return;
            }

            DateTexts.Add(text);
            if (seenHeading && DatesAfterHeading.Count < MaxHeadings)
            {
                DatesAfterHeading.Add(text);
            }
        }

        private void ReadTextDate(string text)
        {
            if (text.Length is < 6 or > MaxDateText || !HasYear(text) || TextDates.Count >= MaxTextDates)
            {
                return;
            }

            if (seenHeading && elementIndex - headingIndex > MaxDistanceAfterHeading)
            {
                return;
            }

            TextDates.Add((text, seenHeading ? elementIndex - headingIndex : elementIndex, seenHeading));
        }

        private void MarkDatesBeforeHeading()
        {
            for (var i = 0; i < TextDates.Count; i++)
            {
                TextDates[i] = (TextDates[i].Text, elementIndex - TextDates[i].Distance, false);
            }
        }

        private static bool HasYear(string text)
        {
            var run = 0;
            for (var i = 0; i < text.Length; i++)
            {
                run = char.IsAsciiDigit(text[i]) ? run + 1 : 0;
                if (run == 4 && text[i - 3] is '1' or '2' && (i + 1 == text.Length || !char.IsAsciiDigit(text[i + 1])))
                {
                    return true;
                }
            }

            return false;
        }

        private void CountHeadlineLink(HtmlNode anchor)
        {
            var words = 0;
            CountWords(anchor, ref words);
            if (words >= 4)
            {
                HeadlineLinks++;
            }
        }

        private static void CountWords(HtmlNode node, ref int words)
        {
            for (var child = node.FirstChild; child is not null && words < 4; child = child.NextSibling)
            {
                if (child.NodeType == HtmlNodeType.Text)
                {
                    var inWord = false;
                    foreach (var c in ((HtmlTextNode)child).Text)
                    {
                        var letter = char.IsLetterOrDigit(c);
                        if (letter && !inWord)
                        {
                            words++;
                        }

                        inWord = letter;
                    }
                }
                else if (child.NodeType == HtmlNodeType.Element)
                {
                    CountWords(child, ref words);
                }
            }
        }

        private static bool LooksLikeDateElement(HtmlNode node)
        {
            if (node.Name is "a" or "ul" or "ol" or "nav" or "body" or "main" or "article")
            {
                return false;
            }

            return NamesDate(node.GetAttributeValue("class", null)) || NamesDate(node.GetAttributeValue("id", null));
        }

        private static bool NamesDate(string? cls) => cls is { Length: > 1 } && cls.AsSpan().ContainsAny(DateWords);

        private static readonly System.Buffers.SearchValues<string> DateWords =
            System.Buffers.SearchValues.Create(["date", "time", "publish", "ngay", "posted"], StringComparison.OrdinalIgnoreCase);

        private static readonly System.Buffers.SearchValues<string> AuthorWords =
            System.Buffers.SearchValues.Create(["author", "byline"], StringComparison.OrdinalIgnoreCase);

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
            if (seenHeading && DatesAfterHeading.Count < MaxHeadings)
            {
                DatesAfterHeading.Add(value);
            }

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
            return cls is not null && cls.AsSpan().ContainsAny(AuthorWords)
                && !cls.Contains("avatar", StringComparison.OrdinalIgnoreCase) && !cls.Contains("bio", StringComparison.OrdinalIgnoreCase);
        }

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
