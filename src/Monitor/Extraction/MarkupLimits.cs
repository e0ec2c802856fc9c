using System.Globalization;

namespace Monitor.Extraction;

/// <summary>
/// A page past what <see cref="MarkupLimits"/> lets through: elements nested deeper than any browser
/// builds, or more elements than any real page holds. Reading it would cost time that grows with the
/// square of its depth (HtmlAgilityPack's parse, then every recursive pass) or memory far beyond the
/// page's size, so it is skipped.
/// </summary>
public sealed class MarkupLimitException(string message) : FormatException(message);

/// <summary>
/// One forward pass over the raw markup, before any parser sees it, that counts elements and tracks how
/// deep they nest the way a parser would (void and self-closed elements add no level, a close tag pops
/// to its opener, a new p/li/tr/td/… closes the open one of its kind), and stops at the first element past a limit.
/// Linear in the page's length: the stack it walks is never deeper than the depth limit.
/// </summary>
internal static class MarkupLimits
{
    /// <summary>Blink caps its parser's tree at 512 levels; no page a person can read goes deeper.</summary>
    public const int MaxDepth = 512;

    /// <summary>
    /// The largest of the 1,005 WCXB dev pages has 9,093 elements; 100,000 leaves eleven times that and
    /// keeps the parse of the worst page the size cap lets through near one second.
    /// </summary>
    public const int MaxElements = 100_000;

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> RawTextElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "plaintext",
    };

    /// <summary>
    /// Elements a new one of the same kind closes (unclosed &lt;li&gt;s and &lt;tr&gt;s are siblings, not a
    /// nest, as HtmlAgilityPack and browsers read them), unless one of the listed containers opened in between.
    /// </summary>
    private static readonly Dictionary<string, string[]> SiblingClosers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["li"] = ["ul", "ol"],
        ["tr"] = ["table"],
        ["td"] = ["tr", "table"],
        ["th"] = ["tr", "table"],
        ["dt"] = ["dl"],
        ["dd"] = ["dl"],
        ["option"] = ["select", "datalist"],
        ["p"] = ["div", "td", "th", "li", "table", "section", "article", "blockquote", "body"],
    };

    /// <summary>Throws <see cref="MarkupLimitException"/> when the page is past either limit.</summary>
    public static void EnsureWithin(string html, int maxDepth = MaxDepth, int maxElements = MaxElements)
    {
        if (Check(html, maxDepth, maxElements) is { } problem)
        {
            throw new MarkupLimitException(problem);
        }
    }

    /// <summary>What is wrong with the page, or null when it stays within both limits.</summary>
    public static string? Check(string html, int maxDepth = MaxDepth, int maxElements = MaxElements)
    {
        ArgumentNullException.ThrowIfNull(html);
        var open = new string[maxDepth + 1];
        var depth = 0;
        var elements = 0;
        var position = 0;
        while (position < html.Length)
        {
            var lt = html.IndexOf('<', position);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                return null;
            }

            var next = html[lt + 1];
            if (next == '!' || next == '?')
            {
                position = SkipDeclaration(html, lt);
                continue;
            }

            var closing = next == '/';
            var nameStart = closing ? lt + 2 : lt + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && IsNameChar(html[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                // "<" as text ("a < b") or "</ >": not a tag.
                position = lt + 1;
                continue;
            }

            var name = html[nameStart..nameEnd];
            var closer = UnseenMarkup.TagEnd(html.AsSpan(lt));
            var tagEnd = closer < 0 ? html.Length : lt + closer;
            position = tagEnd + 1;
            if (closing)
            {
                depth = PopTo(open, depth, name);
                continue;
            }

            if (++elements > maxElements)
            {
                return string.Create(CultureInfo.InvariantCulture, $"more than {maxElements:N0} elements (at character {lt:N0}); the page is skipped");
            }

            if (VoidElements.Contains(name) || (tagEnd > 0 && tagEnd < html.Length && html[tagEnd - 1] == '/'))
            {
                continue;
            }

            if (RawTextElements.Contains(name))
            {
                position = EndOfRawText(html, position, name);
                continue;
            }

            if (SiblingClosers.TryGetValue(name, out var containers))
            {
                depth = CloseOpenSibling(open, depth, name, containers);
            }

            if (depth == maxDepth)
            {
                return string.Create(CultureInfo.InvariantCulture, $"elements nest deeper than {maxDepth} levels (at character {lt:N0}); the page is skipped");
            }

            open[depth++] = name;
        }

        return null;
    }

    private static int CloseOpenSibling(string[] open, int depth, string name, string[] containers)
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            if (SameKind(open[i], name))
            {
                return i;
            }

            if (containers.Contains(open[i], StringComparer.OrdinalIgnoreCase))
            {
                break;
            }
        }

        return depth;
    }

    private static bool SameKind(string open, string name) =>
        string.Equals(open, name, StringComparison.OrdinalIgnoreCase)
        || (IsCell(open) && IsCell(name));

    private static bool IsCell(string name) =>
        name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or ':' or '_';

    /// <summary>A close tag pops back to its opener; one with no opener open is stray and changes nothing.</summary>
    private static int PopTo(string[] open, int depth, string name)
    {
        for (var i = depth - 1; i >= 0; i--)
        {
            if (string.Equals(open[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return depth;
    }

    private static int SkipDeclaration(string html, int lt)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        var close = html.IndexOf('>', lt + 2);
        return close < 0 ? html.Length : close + 1;
    }

    private static int EndOfRawText(string html, int from, string name)
    {
        var position = from;
        while (true)
        {
            var end = html.IndexOf("</", position, StringComparison.Ordinal);
            if (end < 0)
            {
                return html.Length;
            }

            if (string.Compare(html, end + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return end;
            }

            position = end + 2;
        }
    }
}
