using System.Runtime.CompilerServices;
using HtmlAgilityPack;

namespace Monitor.Extraction.Body;

/// <summary>
/// Finds the element that holds the article: every paragraph-like block scores its ancestors by length
/// and commas (the Readability idea), containers are weighted by tag and class cues (article-body
/// classes, <c>itemprop=articleBody</c>), then discounted by link density.
/// </summary>
internal static class ContentScorer
{
    private const int MinBlockText = 25;
    private const int AncestorLevels = 5;

    public static HtmlNode? FindTopCandidate(HtmlNode root, Dictionary<HtmlNode, NodeStats> stats)
    {
        var candidates = new List<HtmlNode>();
        ScoreBlocks(root, stats, candidates);
        HtmlNode? top = null;
        var topScore = double.MinValue;
        foreach (var candidate in candidates)
        {
            var s = stats[candidate];
            s.Score *= 1 - s.LinkDensity;
            if (s.Score > topScore)
            {
                topScore = s.Score;
                top = candidate;
            }
        }

        return top is null ? null : ClimbToBetterAncestor(top, stats);
    }

    /// <summary>The base weight of a container from its tag, microdata and class words.</summary>
    public static double Weight(HtmlNode node)
    {
        double weight = node.Name switch
        {
            "div" or "section" => 5,
            "article" => 10,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        weight += ClassWeight(node);
        if (string.Equals(node.GetAttributeValue("itemprop", null), "articleBody", StringComparison.OrdinalIgnoreCase))
        {
            weight += 30;
        }

        return weight;
    }

    public static double ClassWeight(HtmlNode node)
    {
        var classAndId = BoilerplateRules.ClassAndId(node);
        double weight = 0;
        if (BoilerplateRules.IsArticleBodyClass(classAndId))
        {
            weight += 30;
        }
        else if (BoilerplateRules.IsPositive(classAndId))
        {
            weight += 25;
        }

        if (BoilerplateRules.IsNegative(classAndId))
        {
            weight -= 25;
        }

        return weight;
    }

    private static void ScoreBlocks(HtmlNode node, Dictionary<HtmlNode, NodeStats> stats, List<HtmlNode> candidates)
    {
        // Pathologically nested pages fail with a catchable error instead of overflowing the stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        for (var child = node.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child.NodeType != HtmlNodeType.Element)
            {
                continue;
            }

            var s = stats[child];
            var blockText = child.Name switch
            {
                "p" or "pre" or "td" or "blockquote" => s.TextLength,
                "div" or "section" or "article" or "span" or "font" or "center" => s.DirectTextLength,
                _ => 0,
            };
            if (blockText >= MinBlockText)
            {
                var contentScore = 1 + CommaCount(child, s) + Math.Min(blockText / 100.0, 3);
                AddToAncestors(child, contentScore, stats, candidates);
            }

            if (child.Name is not ("p" or "pre"))
            {
                ScoreBlocks(child, stats, candidates);
            }
        }
    }

    private static int CommaCount(HtmlNode block, NodeStats s) =>
        block.Name is "div" or "section" or "article" or "span" or "font" or "center" ? Math.Min(s.Commas, s.DirectTextLength / 20) : s.Commas;

    private static void AddToAncestors(HtmlNode block, double contentScore, Dictionary<HtmlNode, NodeStats> stats, List<HtmlNode> candidates)
    {
        // A text-bearing div scores itself too, as Readability does after turning such divs into paragraphs.
        var ancestor = block.Name is "div" or "section" or "article" ? block : block.ParentNode;
        for (var level = 0; level < AncestorLevels && ancestor is { NodeType: HtmlNodeType.Element }; level++)
        {
            if (!stats.TryGetValue(ancestor, out var s))
            {
                break;
            }

            if (!s.IsCandidate)
            {
                s.IsCandidate = true;
                s.Score = Weight(ancestor);
                candidates.Add(ancestor);
            }

            var share = level switch
            {
                0 => contentScore,
                1 => contentScore / 2,
                _ => contentScore / (level * 3),
            };
            s.Score += share;
            s.ContentScore += share;
            ancestor = ancestor.ParentNode;
        }
    }

    /// <summary>Moves up while the parent is a candidate scoring higher, or the candidate is an only child.</summary>
    private static HtmlNode ClimbToBetterAncestor(HtmlNode top, Dictionary<HtmlNode, NodeStats> stats)
    {
        var lastScore = stats[top].Score;
        var threshold = lastScore / 3;
        var parent = top.ParentNode;
        while (parent is { NodeType: HtmlNodeType.Element } && parent.Name != "body")
        {
            if (!stats.TryGetValue(parent, out var ps) || !ps.IsCandidate)
            {
                parent = parent.ParentNode;
                continue;
            }

            if (ps.Score < threshold)
            {
                break;
            }

            if (ps.Score > lastScore)
            {
                top = parent;
                break;
            }

            lastScore = ps.Score;
            parent = parent.ParentNode;
        }

        while (top.ParentNode is { NodeType: HtmlNodeType.Element } only && only.Name != "body" && CountElementChildren(only) == 1)
        {
            top = only;
        }

        return top;
    }

    private static int CountElementChildren(HtmlNode node)
    {
        var count = 0;
        for (var child = node.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child.NodeType == HtmlNodeType.Element)
            {
                count++;
            }
        }

        return count;
    }
}
