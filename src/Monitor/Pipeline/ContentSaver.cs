using Monitor.Storage;

namespace Monitor.Pipeline;

/// <summary>
/// The one save path of everything that enters the store, collected or imported: normaliser →
/// every enricher in registration order → store (one transaction per batch). Its two halves are
/// also offered apart, so an import can enrich one batch while the store writes the one before.
/// </summary>
internal sealed class ContentSaver(IEnumerable<IContentEnricher> enrichers, IContentStore store)
{
    private readonly IReadOnlyList<IContentEnricher> enrichers = [.. enrichers];

    public Task<SaveResult> SaveAsync(ContentBatch batch, CancellationToken cancellationToken = default) =>
        StoreAsync(Prepare(batch), cancellationToken);

    /// <summary>The CPU half of a save: the batch normalised and enriched, ready for <see cref="StoreAsync"/>.</summary>
    public ContentBatch Prepare(ContentBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var enriched = ItemNormaliser.Normalise(batch);
        foreach (var enricher in enrichers)
        {
            enriched = enricher.Enrich(enriched);
        }

        return enriched;
    }

    /// <summary>The store half of a save: a batch <see cref="Prepare"/> returned, written in one transaction.</summary>
    public Task<SaveResult> StoreAsync(ContentBatch prepared, CancellationToken cancellationToken = default) =>
        store.SaveAsync(prepared, cancellationToken);
}
