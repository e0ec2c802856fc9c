using System.Runtime.CompilerServices;
using HtmlAgilityPack;

namespace Monitor.Extraction.Body;

/// <summary>
/// Inside the chosen content, drops blocks that look like furniture after all: link lists, image
/// strips and short fragments with negative class cues (Readability's conditional cleaning).
/// </summary>
internal static class ContentTrimmer
{
    private const int ManyCommas = 10;

    public static void Trim(HtmlNode container, Dictionary<HtmlNode, NodeStats> stats)
    {
        // Pathologically nested pages fail with a catchable error instead of overflowing the stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var child = container.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            if (child.NodeType == HtmlNodeType.Element)
            {
                if (IsFurniture(child, stats))
                {
                    container.RemoveChild(child);
                }
                else
                {
                    Trim(child, stats);
                }
            }

            child = next;
        }
    }

    private static bool IsFurniture(HtmlNode node, Dictionary<HtmlNode, NodeStats> stats)
    {
        if (!stats.TryGetValue(node, out var s))
        {
            return false;
        }

        if (node.Name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
        {
            return ContentScorer.ClassWeight(node) < 0 || s.LinkDensity > 0.33;
        }

        if (node.Name is not ("form" or "fieldset" or "table" or "ul" or "ol" or "div" or "section" or "dl"))
        {
            return false;
        }

        var weight = ContentScorer.ClassWeight(node);
        var score = s.IsCandidate ? s.Score : 0;
        if (weight + score < 0)
        {
            return true;
        }

        if (s.Commas >= ManyCommas)
        {
            return false;
        }

        var isList = node.Name is "ul" or "ol";
        var linkDensity = s.LinkDensity;
        return (s.Images > 1 && s.Paragraphs < s.Images / 2.0 && s.TextLength < 200)
            || (!isList && s.ListItems - 100 > s.Paragraphs)
            || (s.TextLength < MinFragmentText && s.Images == 0 && !isList && s.Paragraphs == 0 && HasNoText(s))
            || (weight < 25 && linkDensity > 0.2 + (isList ? 0.3 : 0))
            || (weight >= 25 && linkDensity > 0.5);
    }

    private const int MinFragmentText = 25;

    private static bool HasNoText(NodeStats s) => s.TextLength == 0;
}
