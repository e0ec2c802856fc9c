namespace Monitor.Replay.Websites.Content;

/// <summary>
/// A subject the replayed stations write about, as our own sentence templates. Slots: {place},
/// {person}, {role}, {province}, {n}, {m}. Negative templates carry the complaint tone and the
/// words a watch-list is meant to catch.
/// </summary>
internal sealed record Topic(
    ReplayCategory Category,
    IReadOnlyList<string> Titles,
    IReadOnlyList<string> NegativeTitles,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> NegativeParagraphs);
