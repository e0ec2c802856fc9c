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
    long? Shares)
{
    /// <summary>
    /// The scheduled age this observation fulfils (social re-observation at 1 h, 3 h, …; zero for the
    /// first sight), or null outside a schedule. Stores keep one observation per item and checkpoint,
    /// so one repeated after a crash between the save and the collector's bookkeeping is not stored twice.
    /// </summary>
    public TimeSpan? Checkpoint { get; init; }
}
