using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Storage;

/// <summary>
/// Where collected content lives: SQLite by default (<c>AddSqliteStore</c>), Elasticsearch when
/// one machine is not enough. A save is acknowledged only once the store holds it durably.
/// </summary>
public interface IContentStore
{
    /// <summary>Creates or upgrades the schema; safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<SaveResult> SaveAsync(ContentBatch batch, CancellationToken cancellationToken = default);

    Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default);

    IAsyncEnumerable<Item> ReadItemsAsync(CancellationToken cancellationToken = default);

    IAsyncEnumerable<Observation> ReadObservationsAsync(CancellationToken cancellationToken = default);

    IAsyncEnumerable<Comment> ReadCommentsAsync(CancellationToken cancellationToken = default);
}
