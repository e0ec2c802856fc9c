using Monitor.Storage;

namespace Monitor.Pipeline;

/// <summary>
/// The one save path of everything that enters the store, collected or imported: normaliser →
/// every enricher in registration order → store (one transaction per batch).
/// </summary>
internal sealed class ContentSaver(IEnumerable<IContentEnricher> enrichers, IContentStore store)
{
    private readonly IReadOnlyList<IContentEnricher> enrichers = [.. enrichers];

    public async Task<SaveResult> SaveAsync(ContentBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var enriched = ItemNormaliser.Normalise(batch);
        foreach (var enricher in enrichers)
        {
            enriched = enricher.Enrich(enriched);
        }

        return await store.SaveAsync(enriched, cancellationToken);
    }
}
