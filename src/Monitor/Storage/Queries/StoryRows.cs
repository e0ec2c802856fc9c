using Monitor.Domain;

namespace Monitor.Storage.Queries;

/// <summary>
/// An item as story linking compares and ranks it, and no more: no URL, channel or scores, and no
/// link keys (those two items share come from <see cref="IContentQueries.GetSharedLinksAsync"/>), so a
/// month of a cluster is read from one covering index.
/// </summary>
public sealed record TitledItem(
    string Id,
    string StationId,
    Platform Platform,
    DateTimeOffset? PublishedAt,
    long Engagement,
    long? Views,
    string Title);

/// <summary>A link key that two or more items of a filter carry, and those items' ids (in id order).</summary>
public sealed record SharedLink(string LinkKey, IReadOnlyList<string> ItemIds);
