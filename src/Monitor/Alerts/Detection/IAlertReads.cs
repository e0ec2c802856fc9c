namespace Monitor.Alerts.Detection;

/// <summary>Comments counted over a span: all of them, and those flagged negative or toxic.</summary>
public readonly record struct CommentTally(long Comments, long Negative)
{
    public double Share => Comments == 0 ? 0 : (double)Negative / Comments;
}

/// <summary>What the rules need to know about one item, from the store's summary row.</summary>
public sealed record ItemFacts(
    string ItemId,
    string StationId,
    string ChannelId,
    string Title,
    string Url,
    DateTimeOffset? PublishedAt,
    double? Score1h,
    double? Score24h,
    long Engagement,
    long Flagged);

/// <summary>A flag as the store keeps it, with the evidence from when it was raised.</summary>
public sealed record StoredFlag(string TargetId, string TargetKind, string Source, string Severity, string Reason, IReadOnlyList<string> Evidence, DateTimeOffset RaisedAt);

/// <summary>
/// The store reads detection makes, answered from indexes inside the save's own transaction (so they
/// see the batch being written): one item's comments, a station's hourly comment tallies, one
/// item's summary, one channel's daily item counts, open alerts by key.
/// </summary>
public interface IAlertReads
{
    Task<CommentTally> ItemCommentsAsync(string itemId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);

    Task<CommentTally> StationCommentsAsync(string stationId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);

    Task<ItemFacts?> ItemAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>Items published per day (UTC days) from <paramref name="firstDay"/>, <paramref name="days"/> values, zeros included.</summary>
    Task<IReadOnlyList<int>> ChannelDailyItemsAsync(string channelId, DateOnly firstDay, int days, CancellationToken cancellationToken = default);

    /// <summary>The keys of open alerts of this kind (few: open alerts are the ones still happening).</summary>
    Task<IReadOnlyList<string>> OpenKeysAsync(AlertKind kind, CancellationToken cancellationToken = default);

    /// <summary>The flags of an item and of its comments (flags are indexed by target, comments by item).</summary>
    Task<IReadOnlyList<StoredFlag>> FlagsOfItemAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>Whether any alert, open or closed, has this key (one-shot kinds fire once per target).</summary>
    Task<bool> EverRaisedAsync(string key, CancellationToken cancellationToken = default);
}
