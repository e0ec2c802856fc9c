namespace Monitor.Domain;

/// <summary>A public reply under an item. <see cref="Id"/> is <c>{platform}:{native id}</c>.</summary>
public sealed record Comment(
    string Id,
    string ItemId,
    Platform Platform,
    string? ParentId,
    string? Author,
    string Text,
    DateTimeOffset? PublishedAt,
    long? Likes);
