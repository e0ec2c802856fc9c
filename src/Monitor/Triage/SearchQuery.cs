using Monitor.Domain;

namespace Monitor.Triage;

/// <summary>Which documents a search looks in.</summary>
public enum SearchTarget
{
    Items,
    Comments,
}

/// <summary>
/// A search: the words, what to look in, the filters (null: no restriction; <see cref="Stations"/>
/// empty: no station) and the page (1-based). The period is [From, To) over the publication time
/// (an item without one counts by its collection time; a comment without one is outside any period).
/// Pages stop at <see cref="MaxResults"/> hits, as Elasticsearch's result window does.
/// </summary>
public sealed record SearchQuery(
    string Text,
    SearchTarget Target = SearchTarget.Items,
    IReadOnlyCollection<string>? Stations = null,
    Platform? Platform = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = 20)
{
    public const int MaxResults = 10_000;

    /// <summary>Totals are counted up to here ("1.000+"): counting every hit of a common word would cost more than showing a page.</summary>
    public const int CountLimit = 1_000;
}

/// <summary>
/// One page of hits, newest first (publication time, undated last, then id), and how many hits
/// each target holds for the same words and filters (for the Items / Comments tabs), counted up to
/// <see cref="SearchQuery.CountLimit"/>: a total that reaches it means "at least" (show 1.000+);
/// the pages still go on to <see cref="SearchQuery.MaxResults"/> hits.
/// </summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, long ItemTotal, long CommentTotal, int Page, int PageSize)
{
    public long Total(SearchTarget target) => target == SearchTarget.Items ? ItemTotal : CommentTotal;

    public bool ItemTotalCapped => ItemTotal >= SearchQuery.CountLimit;

    public bool CommentTotalCapped => CommentTotal >= SearchQuery.CountLimit;
}

/// <summary>
/// One hit. For an item, <see cref="Id"/> = <see cref="ItemId"/> and <see cref="Title"/> is its
/// title; for a comment, <see cref="Id"/> is the comment's and <see cref="Title"/> its item's when known.
/// <see cref="TitleSnippet"/> and <see cref="Snippet"/> (body or comment text) are plain-text
/// segments with the matched words marked: encode each segment, wrap the marked ones in &lt;mark&gt;.
/// </summary>
public sealed record SearchHit(
    SearchTarget Kind,
    string Id,
    string ItemId,
    string? StationId,
    Platform? Platform,
    string? Url,
    string? Title,
    string? Author,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<SnippetSegment> TitleSnippet,
    IReadOnlyList<SnippetSegment> Snippet);

/// <summary>A piece of a snippet; <see cref="Match"/> when it is a word the query matched.</summary>
public sealed record SnippetSegment(string Text, bool Match);
