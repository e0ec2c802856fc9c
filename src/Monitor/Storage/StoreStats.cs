namespace Monitor.Storage;

/// <summary>The summary printed by <c>stats</c>; one group per station and platform.</summary>
public sealed record StoreStats(
    long Items,
    long Observations,
    long Comments,
    long Flagged,
    IReadOnlyList<StatsGroup> Groups);

public sealed record StatsGroup(
    string Station,
    string Platform,
    long Items,
    long Observations,
    long Comments,
    long Flagged,
    DateTimeOffset? FirstPublished,
    DateTimeOffset? LastPublished);
