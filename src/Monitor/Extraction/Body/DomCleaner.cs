using System.Runtime.CompilerServices;
using HtmlAgilityPack;

namespace Monitor.Extraction.Body;

/// <summary>
/// Removes what is never article text: scripts and widgets, hidden elements, and page furniture named
/// by tag, role or class. A furniture-named wrapper that holds most of the page's paragraphs
/// ("content-with-sidebar") is kept, because some themes name the whole page that way.
/// </summary>
internal static class DomCleaner
{
    private const double WrapperShare = 0.5;
    private const int ProseText = 400;
    private const double ProseLinkDensity = 0.3;

    public static void Prune(HtmlNode root, Dictionary<HtmlNode, NodeStats> stats)
    {
        var documentParagraphText = Math.Max(1, stats.TryGetValue(root, out var rootStats) ? rootStats.ParagraphTextLength : 1);
        PruneChildren(root, stats, documentParagraphText);
    }

    private static void PruneChildren(HtmlNode node, Dictionary<HtmlNode, NodeStats> stats, int documentParagraphText)
    {
        // Pathologically nested pages fail with a catchable error instead of overflowing the stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var child = node.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            if (ShouldRemove(child, stats, documentParagraphText))
            {
                node.RemoveChild(child);
            }
            else if (child.NodeType == HtmlNodeType.Element)
            {
                PruneChildren(child, stats, documentParagraphText);
            }

            child = next;
        }
    }

    private static bool ShouldRemove(HtmlNode node, Dictionary<HtmlNode, NodeStats> stats, int documentParagraphText)
    {
        if (node.NodeType == HtmlNodeType.Comment)
        {
            return true;
        }

        if (node.NodeType != HtmlNodeType.Element)
        {
            return false;
        }

        var name = node.Name;
        if (name is "body" or "html" or "main")
        {
            return false;
        }

        if (BoilerplateRules.IsAlwaysDropped(name))
        {
            return true;
        }

        if (BoilerplateRules.IsHidden(node))
        {
            // Streaming frameworks park the whole server-rendered article in a hidden element until scripts move it.
            return !(stats.TryGetValue(node, out var parked) && parked.ParagraphTextLength >= documentParagraphText * WrapperShare);
        }

        var cues = BoilerplateRules.Cues(node);
        var articleBody = cues.HasFlag(ClassCues.ArticleBody);
        if (cues.HasFlag(ClassCues.StronglyNegative) && !articleBody)
        {
            return true;
        }

        var furniture = BoilerplateRules.IsStructuralBoilerplate(node)
            || (cues.HasFlag(ClassCues.Negative) && !articleBody);
        if (!furniture)
        {
            return false;
        }

        if (!stats.TryGetValue(node, out var own))
        {
            return true;
        }

        // Page builders wrap prose in "widget" blocks and utility classes name everything: a furniture-named
        // element that holds real prose with few links stays, and the scorer decides.
        var holdsProse = own.ParagraphTextLength >= ProseText && own.LinkDensity < ProseLinkDensity;
        return !holdsProse && own.ParagraphTextLength < documentParagraphText * WrapperShare;
    }
}
