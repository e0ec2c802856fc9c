using System.Runtime.CompilerServices;
using HtmlAgilityPack;

namespace Monitor.Extraction.Body;

/// <summary>Text measures of one element, summed over its descendants.</summary>
internal sealed class NodeStats
{
    /// <summary>Visible characters, whitespace excluded.</summary>
    public int TextLength { get; set; }

    /// <summary>Visible characters inside links.</summary>
    public int LinkTextLength { get; set; }

    /// <summary>Commas: long prose has them, menus and teasers rarely do.</summary>
    public int Commas { get; set; }

    /// <summary>Visible characters inside &lt;p&gt; elements.</summary>
    public int ParagraphTextLength { get; set; }

    /// <summary>Visible characters in text nodes directly under this element.</summary>
    public int DirectTextLength { get; set; }

    public int Paragraphs { get; set; }

    public int Images { get; set; }

    public int ListItems { get; set; }

    /// <summary>Readability-style content score, set only on candidate containers.</summary>
    public double Score { get; set; }

    /// <summary>The part of <see cref="Score"/> earned from text below, without tag and class weights.</summary>
    public double ContentScore { get; set; }

    public bool IsCandidate { get; set; }

    public double LinkDensity => TextLength == 0 ? 0 : (double)LinkTextLength / TextLength;

    /// <summary>Measures every element under <paramref name="root"/> in one post-order walk.</summary>
    public static Dictionary<HtmlNode, NodeStats> Measure(HtmlNode root)
    {
        var all = new Dictionary<HtmlNode, NodeStats>(4096);
        MeasureInto(root, all, insideLink: false, insideParagraph: false);
        return all;
    }

    private static NodeStats MeasureInto(HtmlNode node, Dictionary<HtmlNode, NodeStats> all, bool insideLink, bool insideParagraph)
    {
        // Pathologically nested pages fail with a catchable error instead of overflowing the stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var stats = new NodeStats();
        var name = node.Name;
        var isLink = insideLink || name == "a";
        var isParagraph = insideParagraph || name == "p";
        for (var child = node.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child.NodeType == HtmlNodeType.Text)
            {
                var (visible, commas) = Count(((HtmlTextNode)child).Text);
                stats.TextLength += visible;
                stats.DirectTextLength += visible;
                stats.Commas += commas;
                if (isLink)
                {
                    stats.LinkTextLength += visible;
                }

                if (isParagraph)
                {
                    stats.ParagraphTextLength += visible;
                }
            }
            else if (child.NodeType == HtmlNodeType.Element)
            {
                var sub = MeasureInto(child, all, isLink, isParagraph);
                stats.TextLength += sub.TextLength;
                stats.LinkTextLength += sub.LinkTextLength;
                stats.Commas += sub.Commas;
                stats.ParagraphTextLength += sub.ParagraphTextLength;
                stats.Paragraphs += sub.Paragraphs;
                stats.Images += sub.Images;
                stats.ListItems += sub.ListItems;
            }
        }

        switch (name)
        {
            case "p":
                stats.Paragraphs++;
                break;
            case "img":
                stats.Images++;
                break;
            case "li":
                stats.ListItems++;
                break;
        }

        all[node] = stats;
        return stats;
    }

    private static (int Visible, int Commas) Count(string text)
    {
        var visible = 0;
        var commas = 0;
        var inEntity = false;
        foreach (var c in text)
        {
            if (c == '&')
            {
                // An entity such as &nbsp; or &#273; shows as one character (or a space).
                inEntity = true;
                visible++;
                continue;
            }

            if (inEntity)
            {
                if (c == ';' || char.IsWhiteSpace(c))
                {
                    inEntity = false;
                }

                continue;
            }

            if (!char.IsWhiteSpace(c))
            {
                visible++;
                if (c is ',' or '，' or '、')
                {
                    commas++;
                }
            }
        }

        return (visible, commas);
    }
}
