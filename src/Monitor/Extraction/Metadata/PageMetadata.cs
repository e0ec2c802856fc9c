namespace Monitor.Extraction.Metadata;

/// <summary>What the page says about itself in JSON-LD, OpenGraph, &lt;meta&gt;, &lt;time&gt; and &lt;title&gt;.</summary>
internal sealed record PageMetadata
{
    public string? JsonLdHeadline { get; init; }

    public string? JsonLdAuthor { get; init; }

    public string? JsonLdPublished { get; init; }

    public string? JsonLdSection { get; init; }

    public string? JsonLdLanguage { get; init; }

    /// <summary>True when JSON-LD declares an article type (NewsArticle, BlogPosting, …).</summary>
    public bool JsonLdIsArticle { get; init; }

    /// <summary>True when JSON-LD declares a listing type (CollectionPage, ItemList, …).</summary>
    public bool JsonLdIsListing { get; init; }

    public string? OpenGraphTitle { get; init; }

    public string? OpenGraphType { get; init; }

    public string? OpenGraphSiteName { get; init; }

    public string? OpenGraphLocale { get; init; }

    public string? MetaPublished { get; init; }

    public string? MetaAuthor { get; init; }

    public string? MetaSection { get; init; }

    public string? DocumentTitle { get; init; }

    public string? HtmlLanguage { get; init; }

    public string? TimeElementPublished { get; init; }

    public string? CanonicalUrl { get; init; }

    public IReadOnlyList<string> Headings { get; init; } = [];

    public IReadOnlyList<string> HeadingAuthorCandidates { get; init; } = [];

    /// <summary>Short texts of elements whose class names a date ("date", "time", "publish", "ngay-dang").</summary>
    public IReadOnlyList<string> DateTexts { get; init; } = [];

    /// <summary>Links whose text reads like a headline (four words or more): many of them mark a listing.</summary>
    public int HeadlineLinks { get; init; }
}
