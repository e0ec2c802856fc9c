namespace Monitor.Storage.Queries;

/// <summary>
/// A dated item as a story's title join reads it: a day of a station is a few thousand of these,
/// where whole summaries cost ~3× as much to read (see <c>StoryReach</c>).
/// </summary>
public sealed record TitledItem(string Id, string StationId, DateTimeOffset PublishedAt, string Title);
