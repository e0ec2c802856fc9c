namespace Monitor.Domain;

/// <summary>
/// Engagement numbers of an item at one instant. Append-only: a series of these is how an item's
/// reach grows. A null count means the platform did not report it (not zero).
/// </summary>
public sealed record Observation(
    string ItemId,
    DateTimeOffset ObservedAt,
    TimeSpan? Age,
    long? Views,
    long? Reactions,
    long? Comments,
    long? Shares);
