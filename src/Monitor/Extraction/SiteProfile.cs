namespace Monitor.Extraction;

/// <summary>
/// Per-site selectors, kept as data under <c>pipelines/profiles/*.yaml</c>. Any selector may be
/// null; what a profile does not give comes from page metadata, then the generic extractor.
/// <see cref="DateFormats"/> are .NET exact formats tried before the generic Vietnamese date forms.
/// <see cref="CommentCountXPath"/> and <see cref="ViewCountXPath"/> read counters the page prints
/// ("12 bình luận", "20.734 lượt xem"); they become an observation of the item.
/// </summary>
public sealed record SiteProfile(
    string Name,
    IReadOnlyList<string> Hosts,
    string? TitleXPath,
    string? PublishedXPath,
    IReadOnlyList<string> DateFormats,
    string? AuthorXPath,
    string? CategoryXPath,
    string? BodyXPath,
    IReadOnlyList<string> RemoveXPaths,
    string? CommentCountXPath,
    string? ArticleLinkXPath,
    string? NextPageXPath,
    string? ViewCountXPath = null);
