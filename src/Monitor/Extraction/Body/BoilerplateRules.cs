using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace Monitor.Extraction.Body;

/// <summary>
/// Markup cues that say "this is not the article": tags, ARIA roles, and class/id words used by
/// news CMSs (Vietnamese ones included: "tin-lien-quan", "binh-luan", "chia-se").
/// </summary>
[Flags]
internal enum ClassCues
{
    None = 0,
    Negative = 1,
    StronglyNegative = 2,
    Positive = 4,
    ArticleBody = 8,

    /// <summary>The standfirst under the headline (Vietnamese CMSs: "sapo"), part of the article's text.</summary>
    Lead = 16,
}

internal static partial class BoilerplateRules
{
    /// <summary>Elements that never hold article text.</summary>
    public static bool IsAlwaysDropped(string tag) => tag switch
    {
        "script" or "style" or "noscript" or "template" or "svg" or "canvas" or "iframe" or "object"
            or "embed" or "input" or "button" or "select" or "textarea" or "option" or "link" or "meta"
            or "map" or "audio" or "video" or "source" or "picture" or "dialog" => true,
        _ => false,
    };

    /// <summary>Page furniture by tag or role.</summary>
    public static bool IsStructuralBoilerplate(HtmlNode node)
    {
        switch (node.Name)
        {
            case "nav" or "aside" or "footer" or "menu" or "header":
                return true;
        }

        var role = node.GetAttributeValue("role", null);
        return role is "navigation" or "banner" or "contentinfo" or "complementary" or "dialog" or "alertdialog"
            or "search" or "menu" or "menubar" or "toolbar" or "alert";
    }

    public static bool IsHidden(HtmlNode node)
    {
        if (node.Attributes.Contains("hidden"))
        {
            return true;
        }

        var style = node.GetAttributeValue("style", null);
        return style is not null && HiddenStyle().IsMatch(style);
    }

    /// <summary>
    /// The class/id cues of an element: those of its class attribute and of its id, each cached per thread
    /// (class strings repeat across a site's pages; no pattern spans the two, so they can be read apart).
    /// </summary>
    public static ClassCues Cues(HtmlNode node)
    {
        var cls = node.GetAttributeValue("class", null);
        var id = node.GetAttributeValue("id", null);
        return (cls is null ? ClassCues.None : CuesOf(cls)) | (id is null ? ClassCues.None : CuesOf(id));
    }

    private static ClassCues CuesOf(string value)
    {
        var cache = cueCache ??= new Dictionary<string, ClassCues>(StringComparer.Ordinal);
        if (cache.TryGetValue(value, out var cues))
        {
            return cues;
        }

        var words = value.Replace('_', '-').ToLowerInvariant();
        cues = (IsNegative(words) ? ClassCues.Negative : ClassCues.None)
            | (IsStronglyNegative(words) ? ClassCues.StronglyNegative : ClassCues.None)
            | (IsPositive(words) ? ClassCues.Positive : ClassCues.None)
            | (IsArticleBodyClass(words) ? ClassCues.ArticleBody : ClassCues.None)
            | (words.Length > 0 && Lead().IsMatch(words) ? ClassCues.Lead : ClassCues.None);
        if (cache.Count < MaxCachedCues)
        {
            cache[value] = cues;
        }

        return cues;
    }

    private const int MaxCachedCues = 100_000;

    // One cache per thread: a shared concurrent dictionary made parallel extraction wait on its locks.
    [ThreadStatic]
    private static Dictionary<string, ClassCues>? cueCache;

    public static bool IsNegative(string classAndId) => classAndId.Length > 0 && Negative().IsMatch(classAndId);

    /// <summary>Comments and related-article blocks: dropped even when they hold a lot of prose.</summary>
    public static bool IsStronglyNegative(string classAndId) => classAndId.Length > 0 && StrongNegative().IsMatch(classAndId);

    public static bool IsPositive(string classAndId) => classAndId.Length > 0 && Positive().IsMatch(classAndId);

    /// <summary>Classes that name the article body itself ("entry-content", "article-body", "detail-content").</summary>
    public static bool IsArticleBodyClass(string classAndId) => classAndId.Length > 0 && ArticleBody().IsMatch(classAndId);

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"(?<![a-z0-9])(?:comments?|comment-list|commentlist|disqus|replies|respond|binh-luan|binhluan|related|relatedposts|related-posts|tin-lien-quan|lien-quan|tinlienquan|share|shares|sharing|sharedaddy|share-buttons|chia-se|social|socials|social-links|sidebar|side-bar|footer|site-footer|header|site-header|masthead|menu|navbar|nav|navigation|breadcrumbs?|pagination|pager|paging|cookie|cookies|consent|gdpr|newsletter|subscribe|subscription|signup|popup|modal|overlay|banner|advert|advertisement|ads|ad|adsbygoogle|ad-slot|ad-container|sponsor|sponsored|promo|promotion|outbrain|taboola|recommended|recommendations|trending|popular|most-read|mostread|tags|tag-list|tagcloud|author-bio|author-box|about-author|skip-link|print|toolbar|rating|login|search|searchform|lightbox|sr-only|screen-reader-text|visually-hidden|byline|entry-meta|post-meta|article-meta|meta|copyright|disclaimer|date|time|datetime|timestamp|post-date|publish-date|published|posted-on|dateline|ngay-dang|thoi-gian)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Negative();

    [GeneratedRegex(@"(?<![a-z0-9])(?:comments?|comment-list|commentlist|disqus|replies|respond|binh-luan|binhluan|related|relatedposts|related-posts|tin-lien-quan|lien-quan|tinlienquan|outbrain|taboola)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex StrongNegative();

    [GeneratedRegex(@"(?<![a-z0-9])(?:article|articles|body|content|entry|main|post|story|text|blog|hentry|h-entry|news|detail|chi-tiet|noidung|noi-dung)(?![a-z0-9])|article-?body|post-?content|entry-?content|article-?content|story-?body|detail-?content|news-?content|content-?detail", RegexOptions.CultureInvariant)]
    private static partial Regex Positive();

    [GeneratedRegex(@"(?<![a-z0-9])(?:sapo|lead|chapeau|standfirst|dek|summary|article-summary|excerpt|intro|teaser|description)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Lead();

    [GeneratedRegex(@"article-?body|articlebody|post-?body|post-?content|entry-?content|article-?content|article-?text|story-?body|story-?content|detail-?content|content-?detail|news-?content|news-?detail|detail-?body|body-?text|noi-?dung|rich-?text|fck-?detail|the-?content|single-?content|blog-?content|main-?content", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleBody();
}
