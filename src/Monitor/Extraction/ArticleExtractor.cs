using Monitor.Extraction.Body;
using Monitor.Extraction.Dates;
using Monitor.Extraction.Metadata;

namespace Monitor.Extraction;

/// <summary>
/// Reads an article's fields from a page: the site profile's selectors first, then page metadata
/// (JSON-LD, OpenGraph, &lt;meta&gt;, &lt;time&gt;), then the generic main-content extractor and bylines.
/// Safe to share between threads.
/// </summary>
public sealed partial class ArticleExtractor
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
        var published = fromProfile?.Published ?? PublishedFromMetadata(metadata);
        var language = LanguageGuesser.Guess(metadata.JsonLdLanguage ?? metadata.HtmlLanguage ?? metadata.OpenGraphLocale, body);
        var author = fromProfile?.Author ?? AuthorFromMetadata(metadata) ?? BylineReader.FromBodyEnd(body, vietnamese: language == "vi");
        var category = fromProfile?.Category ?? metadata.JsonLdSection ?? metadata.MetaSection;
        var kind = PageKindClassifier.Classify(metadata, body.Length, fromProfile?.Body is null ? content.LinkDensity : 0, fromProfile?.Body is not null);
        var canonical = metadata.CanonicalUrl is { } link && Uri.TryCreate(pageUrl, link, out var absolute) ? absolute : null;

        var article = new ExtractedArticle(kind, title, body.Length == 0 ? null : body, author, category,
            published?.ToUniversalTime(), fromProfile?.CommentCount, language, canonical, fromProfile?.ViewCount);
        return new ExtractionResult(article, published);
    }

    private const int LabelledDateTexts = 2;

    private static DateTimeOffset? PublishedFromMetadata(PageMetadata metadata)
    {
        DateTimeOffset? declared = null;
        foreach (var candidate in new[] { metadata.JsonLdPublished, metadata.MetaPublished })
        {
            if (VietnameseDateParser.TryParse(candidate, null, out var value))
            {
                declared = value;
                break;
            }
        }

        // A date the page itself labels as the publication ("Published Apr 26, 2023 · Updated …", "Ngày đăng:
        // 12/03/2024") outranks metadata, which many CMSs fill with the time of the last edit or import; on the
        // same day the metadata stays, as it usually carries the time too.
        if (LabelledPublished(metadata) is { } labelled)
        {
            return declared is { } same && same.ToOffset(labelled.Offset).Date == labelled.Date ? same : labelled;
        }

        if (declared is not null)
        {
            return declared;
        }

        // Without metadata, the date printed under the headline is the article's own (the site header's clock
        // comes before it); then any <time>, then any element whose class names a date.
        foreach (var shown in metadata.DatesAfterHeading)
        {
            if (VietnameseDateParser.TryParse(shown, null, out var value))
            {
                return value;
            }
        }

        foreach (var shown in metadata.TextDatesNearHeading)
        {
            if (VietnameseDateParser.TryParse(shown, null, out var value))
            {
                return value;
            }
        }

        if (VietnameseDateParser.TryParse(metadata.TimeElementPublished, null, out var timed))
        {
            return timed;
        }

        foreach (var text in metadata.DateTexts)
        {
            if (VietnameseDateParser.TryParse(text, null, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// Only short texts under the headline that start with the label: prose ("the study, published online
    /// Feb. 16") and teasers further down ("Published on May 02") say nothing about this article.
    /// </summary>
    private static DateTimeOffset? LabelledPublished(PageMetadata metadata)
    {
        foreach (var shown in metadata.DatesAfterHeading.Concat(metadata.TextDatesNearHeading.Take(LabelledDateTexts)).Concat(metadata.DateTexts))
        {
            if (PublishedLabel().Match(shown) is { Success: true } label
                && VietnameseDateParser.TryParse(shown[(label.Index + label.Length)..], null, out var labelled))
            {
                return labelled;
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:originally\s+published|first\s+published|published|posted)(?:\s+(?:on|at))?\s*:?\s*|^\s*(?:ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|xuất\s+bản)\s*:?\s*", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PublishedLabel();

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
