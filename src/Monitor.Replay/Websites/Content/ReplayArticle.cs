namespace Monitor.Replay.Websites.Content;

/// <summary>
/// One article of a replayed station site, before any site renders it. <see cref="PublishedAt"/>
/// is Vietnam local time (+07:00) because that is how the stations print it.
/// </summary>
internal sealed record ReplayArticle(
    int Sequence,
    string Title,
    string Slug,
    string Lead,
    IReadOnlyList<string> Paragraphs,
    string Author,
    ReplayCategory Category,
    DateTimeOffset PublishedAt,
    long Views,
    int CommentCount,
    bool Negative);

/// <summary>A section of a station site: its Vietnamese name and its URL slug.</summary>
internal sealed record ReplayCategory(string Name, string Slug);
