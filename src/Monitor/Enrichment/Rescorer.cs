using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage;

namespace Monitor.Enrichment;

/// <summary>What a re-scoring pass wrote.</summary>
public sealed record RescoreSummary(int Items, int Comments, int Assessments, int Flags);

/// <summary>
/// Runs the enrichers again over everything already stored (after a model or watch-list change)
/// and saves only what they add: assessments under the new model version and new flags. Items
/// and comments are read in chunks and never rewritten.
/// </summary>
public sealed class Rescorer
{
    private readonly IReadOnlyList<IContentEnricher> enrichers;
    private readonly IContentStore store;

    public Rescorer(IEnumerable<IContentEnricher> enrichers, IContentStore store)
    {
        ArgumentNullException.ThrowIfNull(enrichers);
        this.enrichers = [.. enrichers];
        this.store = store;
    }

    public async Task<RescoreSummary> RescoreAsync(int chunkSize = 256, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        int items = 0, comments = 0, assessments = 0, flags = 0;
        var itemChunk = new List<Item>(chunkSize);
        await foreach (var item in store.ReadItemsAsync(cancellationToken))
        {
            itemChunk.Add(item);
            if (itemChunk.Count == chunkSize)
            {
                await SaveAsync(new ContentBatch(itemChunk, [], [], [], []), cancellationToken);
                items += itemChunk.Count;
                itemChunk.Clear();
            }
        }

        await SaveAsync(new ContentBatch(itemChunk, [], [], [], []), cancellationToken);
        items += itemChunk.Count;

        var commentChunk = new List<Comment>(chunkSize);
        await foreach (var comment in store.ReadCommentsAsync(cancellationToken))
        {
            commentChunk.Add(comment);
            if (commentChunk.Count == chunkSize)
            {
                await SaveAsync(new ContentBatch([], [], commentChunk, [], []), cancellationToken);
                comments += commentChunk.Count;
                commentChunk.Clear();
            }
        }

        await SaveAsync(new ContentBatch([], [], commentChunk, [], []), cancellationToken);
        comments += commentChunk.Count;
        return new RescoreSummary(items, comments, assessments, flags);

        async Task SaveAsync(ContentBatch batch, CancellationToken token)
        {
            if (batch.Items.Count == 0 && batch.Comments.Count == 0)
            {
                return;
            }

            foreach (var enricher in enrichers)
            {
                batch = enricher.Enrich(batch);
            }

            // Only what the enrichers produced: stored items and comments stay as they are.
            var result = await store.SaveAsync(new ContentBatch([], [], [], batch.Assessments, batch.Flags), token);
            assessments += batch.Assessments.Count;
            flags += result.Flags;
        }
    }
}
