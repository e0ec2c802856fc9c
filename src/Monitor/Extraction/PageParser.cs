using HtmlAgilityPack;

namespace Monitor.Extraction;

/// <summary>HtmlAgilityPack set up for reading pages, not editing them.</summary>
internal static class PageParser
{
    /// <summary>
    /// Parses without the syntax log and the id index: nothing here reads parse errors or looks elements up by
    /// id, and keeping both cost about a tenth of the parse (WCXB dev pages, CPU time).
    /// A page nesting deeper than <see cref="MarkupLimits.MaxDepth"/> levels or holding more than <see cref="MarkupLimits.MaxElements"/> elements is refused before parsing
    /// (<see cref="MarkupLimitException"/>): the parse and every recursive pass after it grow with the
    /// square of the depth, so a crafted page could stall a crawl that no HTTP timeout bounds.
    /// </summary>
    public static HtmlDocument Parse(string html)
    {
        MarkupLimits.EnsureWithin(html);
        var document = new HtmlDocument
        {
            OptionCheckSyntax = false,
            OptionUseIdAttribute = false,

            // The text is decoded already (CharsetDecoder); left on, HtmlAgilityPack looks the page's
            // <meta charset> up itself and throws on labels .NET refuses, such as utf-7 (found by the fuzz test).
            OptionReadEncoding = false,
        };
        document.LoadHtml(html);
        return document;
    }
}
