using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage;

/// <summary>
/// Schema, the <c>stats</c> summary and the whole-content reads that migration, rescoring and
/// export need. The reads go page by page (keyset), so memory stays flat however large the store.
/// </summary>
public interface IContentAdmin
{
    /// <summary>Creates or upgrades the schema; safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default);

    IAsyncEnumerable<Item> ReadItemsAsync(CancellationToken cancellationToken = default);

    IAsyncEnumerable<Observation> ReadObservationsAsync(CancellationToken cancellationToken = default);

    IAsyncEnumerable<Comment> ReadCommentsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of whole items (bodies included) matching <paramref name="filter"/>, in id order,
    /// after <paramref name="afterId"/> (null: from the start).
    /// </summary>
    Task<IReadOnlyList<Item>> ReadItemPageAsync(ContentFilter filter, string? afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The observations of these items, by item then time.</summary>
    Task<IReadOnlyList<Observation>> ReadObservationsOfAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default);

    /// <summary>The comments of these items, by item then comment id.</summary>
    Task<IReadOnlyList<Comment>> ReadCommentsOfAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default);
}
