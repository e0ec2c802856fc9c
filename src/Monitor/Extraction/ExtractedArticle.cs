namespace Monitor.Extraction;

public enum PageKind
{
    Article,
    Listing,
    Other,
}

/// <summary>What the extractor read from one page. Times are UTC.</summary>
public sealed record ExtractedArticle(
    PageKind PageKind,
    string? Title,
    string? Body,
    string? Author,
    string? Category,
    DateTimeOffset? PublishedAt,
    long? CommentCount,
    string? Language,
    Uri? CanonicalUrl,
    long? ViewCount = null);
