using Monitor.Extraction.Body;
using Monitor.Extraction.Dates;
using Monitor.Extraction.Metadata;

namespace Monitor.Extraction;

/// <summary>
/// Reads an article's fields from a page: the site profile's selectors first, then page metadata
/// (JSON-LD, OpenGraph, &lt;meta&gt;, &lt;time&gt;), then the generic main-content extractor and bylines.
/// Safe to share between threads.
/// </summary>
public sealed class ArticleExtractor
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance API so callers can inject one extractor; it holds no state today.")]
    public ExtractedArticle Extract(string html, Uri pageUrl, SiteProfile? profile = null) => ExtractDetailed(html, pageUrl, profile).Article;

    /// <summary>Like <see cref="Extract"/>, also keeping the publish time in the offset the page printed it in.</summary>
    internal static ExtractionResult ExtractDetailed(string html, Uri pageUrl, SiteProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var document = PageParser.Parse(UnseenMarkup.Strip(html));

        var metadata = MetadataReader.Read(document);
        var fromProfile = profile is null ? null : ProfileReader.Read(document, profile);
        var content = MainContentExtractor.Extract(document);

        var body = fromProfile?.Body ?? content.Text;
        var title = fromProfile?.Title ?? TitleChooser.Choose(metadata);
        var published = fromProfile?.Published ?? PublishTimeChooser.Choose(metadata);
        var language = LanguageGuesser.Guess(metadata.JsonLdLanguage ?? metadata.HtmlLanguage ?? metadata.OpenGraphLocale, body);
        var author = fromProfile?.Author ?? AuthorFromMetadata(metadata) ?? BylineReader.FromBodyEnd(body, vietnamese: language == "vi");
        var category = fromProfile?.Category ?? metadata.JsonLdSection ?? metadata.MetaSection;
        var kind = PageKindClassifier.Classify(metadata, body.Length, fromProfile?.Body is null ? content.LinkDensity : 0, fromProfile?.Body is not null);
        var canonical = metadata.CanonicalUrl is { } link && Uri.TryCreate(pageUrl, link, out var absolute) ? absolute : null;

        var article = new ExtractedArticle(kind, title, body.Length == 0 ? null : body, author, category,
            published?.ToUniversalTime(), fromProfile?.CommentCount, language, canonical, fromProfile?.ViewCount);
        return new ExtractionResult(article, published);
    }

    private static string? AuthorFromMetadata(PageMetadata metadata)
    {
        var declared = BylineReader.CleanName(metadata.JsonLdAuthor) ?? BylineReader.CleanName(metadata.MetaAuthor);
        if (declared is not null)
        {
            return declared;
        }

        foreach (var text in metadata.HeadingAuthorCandidates)
        {
            if (BylineReader.CleanName(text) is { } name)
            {
                return name;
            }
        }

        return null;
    }
}

/// <summary>The public result plus the publish time as the page wrote it (its own offset, Vietnam time when none).</summary>
internal sealed record ExtractionResult(ExtractedArticle Article, DateTimeOffset? PublishedAsWritten);
