using Monitor.Extraction.Metadata;

namespace Monitor.Extraction;

/// <summary>
/// Article, listing or other: listing pages feed link discovery and never become items. An article has
/// a body of prose (or says it is one and has some body); a listing is mostly headline links.
/// </summary>
internal static class PageKindClassifier
{
    private const int ArticleBodyChars = 500;
    private const int DeclaredArticleBodyChars = 250;
    private const int ShortArticleBodyChars = 100;
    private const int ListingHeadlineLinks = 12;
    private const double ProseLinkDensity = 0.3;

    public static PageKind Classify(PageMetadata metadata, int bodyLength, double bodyLinkDensity, bool profileBodyFound)
    {
        if (profileBodyFound && bodyLength > 0)
        {
            return PageKind.Article;
        }

        var declaredArticle = metadata.JsonLdIsArticle || string.Equals(metadata.OpenGraphType, "article", StringComparison.OrdinalIgnoreCase);
        if (declaredArticle && bodyLength >= DeclaredArticleBodyChars && bodyLinkDensity < ProseLinkDensity)
        {
            return PageKind.Article;
        }

        if (metadata.JsonLdIsListing && !declaredArticle)
        {
            return PageKind.Listing;
        }

        var manyHeadlines = metadata.HeadlineLinks >= ListingHeadlineLinks;

        // Short news (a notice, a two-paragraph brief) is still an article when it reads like one: a single
        // headline with its date printed under it, and prose rather than links.
        var datedHeadline = metadata.Headings.Count == 1 && metadata.DatesAfterHeading.Count > 0;
        if ((declaredArticle || datedHeadline) && !manyHeadlines && bodyLength >= ShortArticleBodyChars && bodyLinkDensity < ProseLinkDensity)
        {
            return PageKind.Article;
        }

        if (bodyLength >= ArticleBodyChars && bodyLinkDensity < ProseLinkDensity && (!manyHeadlines || bodyLength >= ArticleBodyChars * 3))
        {
            return PageKind.Article;
        }

        return manyHeadlines ? PageKind.Listing : PageKind.Other;
    }
}
