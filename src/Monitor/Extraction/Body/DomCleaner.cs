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

        if (BoilerplateRules.IsAlwaysDropped(name) || BoilerplateRules.IsHidden(node))
        {
            return true;
        }

        var classAndId = BoilerplateRules.ClassAndId(node);
        if (BoilerplateRules.IsStronglyNegative(classAndId) && !BoilerplateRules.IsArticleBodyClass(classAndId))
        {
            return true;
        }

        var furniture = BoilerplateRules.IsStructuralBoilerplate(node)
            || (BoilerplateRules.IsNegative(classAndId) && !BoilerplateRules.IsArticleBodyClass(classAndId));
        if (!furniture)
        {
            return false;
        }

        var paragraphText = stats.TryGetValue(node, out var own) ? own.ParagraphTextLength : 0;
        return paragraphText < documentParagraphText * WrapperShare;
    }
}
