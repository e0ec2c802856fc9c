using System.Globalization;
using System.Xml.XPath;
using HtmlAgilityPack;
using Monitor.Extraction.Body;
using Monitor.Extraction.Dates;

namespace Monitor.Extraction;

/// <summary>What a site profile's selectors found on a page; null where a selector is absent or matches nothing.</summary>
internal sealed record ProfileFields(string? Title, DateTimeOffset? Published, string? Author, string? Category, string? Body, long? CommentCount, long? ViewCount);

/// <summary>Applies a <see cref="SiteProfile"/>'s XPaths to a parsed page, before any generic pruning.</summary>
internal static class ProfileReader
{
    public static ProfileFields Read(HtmlDocument document, SiteProfile profile)
    {
        var root = document.DocumentNode;
        var title = Text(Select(root, profile, profile.TitleXPath, "title"));
        var publishedNode = Select(root, profile, profile.PublishedXPath, "published");
        DateTimeOffset? published = VietnameseDateParser.TryParse(DateValue(publishedNode), profile.DateFormats, out var when) ? when : null;
        var author = BylineReader.CleanName(Text(Select(root, profile, profile.AuthorXPath, "author")));
        var category = Text(Select(root, profile, profile.CategoryXPath, "category"));
        var comments = ParseCount(Text(Select(root, profile, profile.CommentCountXPath, "commentCount")));
        var views = ParseCount(Text(Select(root, profile, profile.ViewCountXPath, "viewCount")));
        var body = ReadBody(root, profile);
        return new ProfileFields(title, published, author, category, body, comments, views);
    }

    /// <summary>
    /// The body selector may name several parts (an XPath union such as the standfirst and the content,
    /// <c>//div[@class='sapo'] | //div[@class='content']</c>); they are read in page order.
    /// </summary>
    private static string? ReadBody(HtmlNode root, SiteProfile profile)
    {
        if (string.IsNullOrWhiteSpace(profile.BodyXPath))
        {
            return null;
        }

        var parts = SelectAll(root, profile, profile.BodyXPath, "body");
        if (parts is null || parts.Count == 0)
        {
            return null;
        }

        foreach (var part in parts)
        {
            foreach (var removeXPath in profile.RemoveXPaths)
            {
                foreach (var unwanted in SelectAll(part, profile, removeXPath, "remove") ?? Enumerable.Empty<HtmlNode>())
                {
                    unwanted.Remove();
                }
            }

            foreach (var unwanted in part.Descendants().Where(d => d.NodeType == HtmlNodeType.Element && BoilerplateRules.IsAlwaysDropped(d.Name)).ToList())
            {
                unwanted.Remove();
            }
        }

        var text = BlockText.Render(parts).Trim();
        return text.Length == 0 ? null : text;
    }

    private static HtmlNode? Select(HtmlNode root, SiteProfile profile, string? xpath, string field)
    {
        if (string.IsNullOrWhiteSpace(xpath))
        {
            return null;
        }

        try
        {
            return root.SelectSingleNode(xpath);
        }
        catch (XPathException ex)
        {
            throw new ArgumentException($"Site profile '{profile.Name}': the {field} selector '{xpath}' is not valid XPath: {ex.Message}", nameof(profile), ex);
        }
    }

    private static HtmlNodeCollection? SelectAll(HtmlNode root, SiteProfile profile, string xpath, string field)
    {
        try
        {
            // Relative paths ("./div[...]", ".//") are scoped to the node; absolute ones search the whole page.
            return root.SelectNodes(xpath);
        }
        catch (XPathException ex)
        {
            throw new ArgumentException($"Site profile '{profile.Name}': the {field} selector '{xpath}' is not valid XPath: {ex.Message}", nameof(profile), ex);
        }
    }

    private static string? Text(HtmlNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var text = node.Name == "meta" ? BlockText.Collapse(HtmlEntity.DeEntitize(node.GetAttributeValue("content", string.Empty))) : BlockText.Inline(node);
        return text.Length == 0 ? null : text;
    }

    private static string? DateValue(HtmlNode? node)
    {
        if (node is null)
        {
            return null;
        }

        return node.GetAttributeValue("datetime", null) ?? (node.Name == "meta" ? node.GetAttributeValue("content", null) : null) ?? Text(node);
    }

    /// <summary>"1.234 bình luận", "(12)", "2,5K" → 1234, 12, 2500.</summary>
    internal static long? ParseCount(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var digits = new System.Text.StringBuilder();
        var started = false;
        var index = 0;
        for (; index < text.Length; index++)
        {
            var c = text[index];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                started = true;
            }
            else if (started && c is '.' or ',' && index + 1 < text.Length && char.IsAsciiDigit(text[index + 1]))
            {
                continue;
            }
            else if (started)
            {
                break;
            }
        }

        if (!started || !long.TryParse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var suffix = index < text.Length ? char.ToUpperInvariant(text[index]) : ' ';
        return suffix switch
        {
            'K' => ScaleShortForm(text, count, 1_000),
            'M' => ScaleShortForm(text, count, 1_000_000),
            _ => count,
        };
    }

    private static long ScaleShortForm(string text, long digits, long unit)
    {
        // "2,5K" was read as 25: the digits after the separator are a fraction of the unit.
        var separator = text.IndexOfAny(['.', ',']);
        if (separator < 0)
        {
            return digits * unit;
        }

        var fractionDigits = 0;
        for (var i = separator + 1; i < text.Length && char.IsAsciiDigit(text[i]); i++)
        {
            fractionDigits++;
        }

        return (long)(digits * unit / Math.Pow(10, fractionDigits));
    }
}
