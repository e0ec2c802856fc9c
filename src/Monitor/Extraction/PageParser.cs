using HtmlAgilityPack;

namespace Monitor.Extraction;

/// <summary>HtmlAgilityPack set up for reading pages, not editing them.</summary>
internal static class PageParser
{
    /// <summary>
    /// Parses without the syntax log and the id index: nothing here reads parse errors or looks elements up by
    /// id, and keeping both cost about a tenth of the parse (WCXB dev pages, CPU time).
    /// </summary>
    public static HtmlDocument Parse(string html)
    {
        var document = new HtmlDocument
        {
            OptionCheckSyntax = false,
            OptionUseIdAttribute = false,
        };
        document.LoadHtml(html);
        return document;
    }
}
