namespace Monitor.Collection.Social;

/// <summary>What the collectors remember about one item between runs.</summary>
public sealed record SocialItemState(
    string ItemId,
    string ChannelId,
    string NativeId,
    DateTimeOffset PublishedAt,
    DateTimeOffset? LastObservedAt,
    DateTimeOffset? NextDueAt,
    int ObservationCount,
    long? LastCommentCount,
    bool Gone);

/// <summary>
/// The social collectors' bookkeeping between runs: each item's observation checkpoints, pauses
/// (back-off) per key, and quota units spent per day. Observations themselves go down the pipeline
/// to the content store; this holds only what the schedule, quota and back-off decisions need.
/// Every call reads or writes the shared store (quota units are added atomically), so several workers
/// can share one state; the SQLite implementation is <c>Storage/Sqlite/SqliteObservationState</c>.
/// </summary>
public interface IObservationState
{
    Task<SocialItemState?> GetItemAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>Known, not deleted items of a channel whose next observation is due, oldest due first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<SocialItemState>> GetDueAsync(string channelId, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Called once the observation is stored (through the item's <c>OnStored</c>).</summary>
    Task MarkObservedAsync(
        string itemId, string channelId, string nativeId, DateTimeOffset publishedAt, DateTimeOffset observedAt,
        DateTimeOffset? nextDueAt, long? commentCount, CancellationToken cancellationToken = default);

    /// <summary>The platform says the item no longer exists: stop observing it, keep everything stored.</summary>
    Task MarkGoneAsync(string itemId, CancellationToken cancellationToken = default);

    Task<(DateTimeOffset Until, string Reason)?> GetBackoffAsync(string key, CancellationToken cancellationToken = default);

    Task SetBackoffAsync(string key, DateTimeOffset until, string reason, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="units"/> to a quota day and returns the day's total.</summary>
    Task<long> AddQuotaUnitsAsync(string quotaKey, string day, int units, CancellationToken cancellationToken = default);

    Task<long> GetQuotaUnitsAsync(string quotaKey, string day, CancellationToken cancellationToken = default);
}
