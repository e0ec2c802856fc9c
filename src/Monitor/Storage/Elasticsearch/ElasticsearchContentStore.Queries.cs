using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The query and transfer contracts on Elasticsearch. Not built yet (issue 10): each says so
/// plainly instead of scanning the indices into memory.
/// </summary>
internal sealed partial class ElasticsearchContentStore
{
    private const string NotYet = "This query is not yet answered by the Elasticsearch store; use the SQLite store for reports and export.";

    public Task<IReadOnlyList<StationTotals>> GetStationTotalsAsync(ContentFilter filter, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<ItemSummary>> GetTopItemsAsync(ContentFilter filter, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesAsync(ContentFilter filter, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesByIdAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<StoryCandidate>> GetItemsSharingLinksAsync(IReadOnlyCollection<string> linkKeys, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<Item?> GetItemAsync(string itemId, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<Observation>> GetObservationsAsync(string itemId, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<Comment>> GetCommentsAsync(string itemId, string? afterId, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<Item>> ReadItemPageAsync(ContentFilter filter, string? afterId, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<Observation>> ReadObservationsOfAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<Comment>> ReadCommentsOfAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) => throw new NotSupportedException(NotYet);
}
