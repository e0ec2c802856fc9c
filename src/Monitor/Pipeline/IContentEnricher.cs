namespace Monitor.Pipeline;

/// <summary>
/// A stage between collection and storage: reads the batch's items and comments and returns the
/// batch with what it adds (assessments, flags). Enrichers run in registration order and never
/// reach back into collection.
/// </summary>
public interface IContentEnricher
{
    ContentBatch Enrich(ContentBatch batch);
}
