using HtmlAgilityPack;

namespace Monitor.Extraction;

/// <summary>
/// Reads an article's fields from a page: the site profile's selectors first, then page metadata,
/// then the generic extractor. (Skeleton: reads only the title until the extraction work lands.)
/// </summary>
public sealed class ArticleExtractor
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance API: the full extractor keeps compiled selectors per profile.")]
    public ExtractedArticle Extract(string html, Uri pageUrl, SiteProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        var document = new HtmlDocument();
        document.LoadHtml(html);
        var title = HtmlEntity.DeEntitize(document.DocumentNode.SelectSingleNode("//title")?.InnerText ?? string.Empty).Trim();
        return new ExtractedArticle(PageKind.Other, title.Length == 0 ? null : title, null, null, null, null, null, "vi", null);
    }
}
