using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage;

/// <summary>
/// What reports and the dashboard ask, answered inside the store over what the save keeps current
/// (SQL over indexed columns, or aggregations and <c>search_after</c>): summary rows, never bodies
/// unless one item is asked for. The cost follows the filter, not the size of the store.
/// </summary>
public interface IContentQueries
{
    /// <summary>Per station of the filter: items, engagement, views, items per platform and channel, median overperformance.</summary>
    Task<IReadOnlyList<StationTotals>> GetStationTotalsAsync(ContentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// The filter's items ranked by overperformance at the largest standard age scored (unscored last),
    /// then latest engagement, then the order they were first stored.
    /// </summary>
    Task<IReadOnlyList<ItemSummary>> GetTopItemsAsync(ContentFilter filter, int limit, CancellationToken cancellationToken = default);

    /// <summary>The filter's items with their link keys, in the order they were first stored, for story linking.</summary>
    Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesAsync(ContentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The filter's items as story linking compares their titles and ranks their stories, in no set order.</summary>
    Task<IReadOnlyList<TitledItem>> GetTitledItemsAsync(ContentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The link keys carried by two or more of the filter's items, each with those items, in link key order.</summary>
    Task<IReadOnlyList<SharedLink>> GetSharedLinksAsync(ContentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>These items (those the store holds) with their link keys.</summary>
    Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesByIdAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default);

    /// <summary>Every item that carries one of these link keys (its own canonical URL or a link in it).</summary>
    Task<IReadOnlyList<StoryCandidate>> GetItemsSharingLinksAsync(IReadOnlyCollection<string> linkKeys, CancellationToken cancellationToken = default);

    /// <summary>One whole item, body included; null when the store does not hold it.</summary>
    Task<Item?> GetItemAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>One item's observations, oldest first.</summary>
    Task<IReadOnlyList<Observation>> GetObservationsAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>One page of an item's comments in id order, after <paramref name="afterId"/> (null: the first page).</summary>
    Task<IReadOnlyList<Comment>> GetCommentsAsync(string itemId, string? afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Per station, platform and local day (<paramref name="utcOffset"/>: +07:00 for Asia/Ho_Chi_Minh) of the filter: items, engagement, views, comments, flags.</summary>
    Task<IReadOnlyList<DailyTotals>> GetDailyTotalsAsync(ContentFilter filter, TimeSpan utcOffset, CancellationToken cancellationToken = default);

    /// <summary>One page of the filter's items, newest first (publication time, else collection time), after <paramref name="after"/> (null: the first page).</summary>
    Task<IReadOnlyList<ItemSummary>> GetLatestItemsAsync(ContentFilter filter, ItemCursor? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The comments under the filter's items, and how many are negative, or offensive or hateful, by the models' latest assessment.</summary>
    Task<CommentMood> GetCommentMoodAsync(ContentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Per channel of the filter: items stored and when the last of them was collected.</summary>
    Task<IReadOnlyList<ChannelActivity>> GetChannelActivityAsync(ContentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>What the models said about these items and comments.</summary>
    Task<IReadOnlyList<Assessment>> GetAssessmentsAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken = default);

    /// <summary>The flags raised on one item and on its comments, newest first.</summary>
    Task<IReadOnlyList<StoredFlag>> GetFlagsOfItemAsync(string itemId, CancellationToken cancellationToken = default);
}
