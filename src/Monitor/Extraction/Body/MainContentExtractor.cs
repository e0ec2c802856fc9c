using HtmlAgilityPack;

namespace Monitor.Extraction.Body;

/// <summary>What the generic extractor took as the article body.</summary>
internal sealed record MainContent(string Text, IReadOnlyList<HtmlNode> Nodes, double LinkDensity);

/// <summary>
/// The generic article-body extractor: prune furniture, score blocks, take the best container with
/// the siblings that belong to it, trim link lists inside, render plain text. Mutates the document.
/// </summary>
internal static class MainContentExtractor
{
    private const double SiblingShare = 0.2;
    private const int MinSiblingScore = 10;
    private const int LongParagraph = 80;
    private const int MinLeadText = 20;
    private const double MaxLeadLinkDensity = 0.25;

    public static MainContent Extract(HtmlDocument document)
    {
        var root = document.DocumentNode;
        DomCleaner.Prune(root, NodeStats.Measure(root, strip: true));
        var stats = NodeStats.Measure(root);
        var body = root.SelectSingleNode("//body") ?? root;
        var top = ContentScorer.FindTopCandidate(body, stats);
        if (top is null)
        {
            var whole = BlockText.Render(body);
            return new MainContent(whole, [body], stats.TryGetValue(body, out var bs) ? bs.LinkDensity : 0);
        }

        var nodes = WithSiblings(top, stats);
        foreach (var node in nodes)
        {
            ContentTrimmer.Trim(node, stats);
        }

        var text = BlockText.Render(nodes);
        var linkText = 0;
        var allText = 0;
        foreach (var node in nodes)
        {
            var s = stats[node];
            linkText += s.LinkTextLength;
            allText += s.TextLength;
        }

        return new MainContent(text, nodes, allText == 0 ? 0 : (double)linkText / allText);
    }

    /// <summary>The top candidate plus siblings that score well or read as prose (Readability's sibling rule).</summary>
    private static List<HtmlNode> WithSiblings(HtmlNode top, Dictionary<HtmlNode, NodeStats> stats)
    {
        var parent = top.ParentNode;
        if (parent is null || top.Name == "body")
        {
            return [top];
        }

        var topStats = stats[top];
        // Siblings are judged on the text they carry, not on class names: a "post-date" div is no paragraph.
        var threshold = Math.Max(MinSiblingScore, topStats.ContentScore * SiblingShare);
        var topClass = top.GetAttributeValue("class", string.Empty);
        var chosen = new List<HtmlNode>();
        var beforeTop = true;
        for (var sibling = parent.FirstChild; sibling is not null; sibling = sibling.NextSibling)
        {
            if (sibling == top)
            {
                chosen.Add(sibling);
                beforeTop = false;
                continue;
            }

            if (sibling.NodeType != HtmlNodeType.Element || !stats.TryGetValue(sibling, out var s))
            {
                continue;
            }

            // The standfirst ("sapo") sits between the headline and the body on most Vietnamese news sites:
            // it is the article's first paragraph, often in an h2 or a div the scorer would pass over.
            if (beforeTop && s.TextLength >= MinLeadText && s.LinkDensity < MaxLeadLinkDensity
                && BoilerplateRules.Cues(sibling).HasFlag(ClassCues.Lead))
            {
                chosen.Add(sibling);
                continue;
            }

            var bonus = topClass.Length > 0 && sibling.GetAttributeValue("class", string.Empty) == topClass ? topStats.ContentScore * SiblingShare : 0;
            if (s.IsCandidate && (s.ContentScore * (1 - s.LinkDensity)) + bonus >= threshold)
            {
                chosen.Add(sibling);
            }
            else if (sibling.Name == "p")
            {
                var linkDensity = s.LinkDensity;
                if ((s.TextLength > LongParagraph && linkDensity < 0.25)
                    || (s.TextLength > 0 && linkDensity == 0 && EndsSentence(sibling)))
                {
                    chosen.Add(sibling);
                }
            }
        }

        return chosen;
    }

    private static bool EndsSentence(HtmlNode paragraph)
    {
        var text = paragraph.InnerText.TrimEnd();
        return text.Length > 0 && text[^1] is '.' or '!' or '?' or '…';
    }
}
