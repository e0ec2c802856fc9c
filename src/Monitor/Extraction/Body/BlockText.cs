using System.Runtime.CompilerServices;
using System.Text;
using HtmlAgilityPack;

namespace Monitor.Extraction.Body;

/// <summary>Renders elements as plain text: one paragraph per block, line breaks kept, entities decoded.</summary>
internal static class BlockText
{
    public static string Render(IEnumerable<HtmlNode> nodes)
    {
        var writer = new Writer();
        foreach (var node in nodes)
        {
            writer.Walk(node);
            writer.Break();
        }

        return writer.ToString();
    }

    public static string Render(HtmlNode node) => Render([node]);

    /// <summary>The text of one element on a single line (titles, bylines, dates).</summary>
    public static string Inline(HtmlNode node)
    {
        var writer = new Writer();
        writer.Walk(node);
        return Collapse(writer.ToString());
    }

    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsBlock(string name) => name switch
    {
        "p" or "div" or "section" or "article" or "main" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6"
            or "ul" or "ol" or "li" or "table" or "tr" or "td" or "th" or "blockquote" or "pre" or "figure"
            or "figcaption" or "header" or "footer" or "dl" or "dt" or "dd" or "hr" or "address" or "details"
            or "summary" or "caption" or "tbody" or "thead" or "tfoot" or "aside" or "nav" or "form" or "fieldset" => true,
        _ => false,
    };

    private sealed class Writer
    {
        private readonly StringBuilder text = new();
        private bool pendingSpace;
        private int pendingBreaks;

        public void Walk(HtmlNode node)
        {
            // Pathologically nested pages fail with a catchable error instead of overflowing the stack.
            RuntimeHelpers.EnsureSufficientExecutionStack();
            switch (node.NodeType)
            {
                case HtmlNodeType.Text:
                    Append(((HtmlTextNode)node).Text);
                    return;
                case HtmlNodeType.Element:
                    break;
                case HtmlNodeType.Document:
                    break;
                default:
                    return;
            }

            if (node.Name == "br")
            {
                Line(1);
                return;
            }

            if (node.Name is "td" or "th")
            {
                pendingSpace = true;
            }

            var block = IsBlock(node.Name);
            if (block)
            {
                Break();
            }

            for (var child = node.FirstChild; child is not null; child = child.NextSibling)
            {
                Walk(child);
            }

            if (block)
            {
                Break();
            }
        }

        public void Break() => Line(2);

        public override string ToString() => text.ToString();

        private void Line(int count)
        {
            if (text.Length > 0)
            {
                pendingBreaks = Math.Max(pendingBreaks, count);
            }

            pendingSpace = false;
        }

        private void Append(string raw)
        {
            var decoded = raw.Contains('&', StringComparison.Ordinal) ? HtmlEntity.DeEntitize(raw) : raw;
            foreach (var c in decoded)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = text.Length > 0;
                    continue;
                }

                if (pendingBreaks > 0)
                {
                    text.Append('\n', pendingBreaks);
                    pendingBreaks = 0;
                    pendingSpace = false;
                }
                else if (pendingSpace)
                {
                    text.Append(' ');
                    pendingSpace = false;
                }

                text.Append(c);
            }
        }
    }
}
