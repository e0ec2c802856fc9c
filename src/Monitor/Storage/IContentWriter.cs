using Monitor.Pipeline;

namespace Monitor.Storage;

/// <summary>
/// The pipeline's save. A save is acknowledged only once the store holds it durably, and it keeps
/// the summaries the queries read (each item's latest engagement, its overperformance at the
/// standard ages, its story links) current in the same write.
/// </summary>
public interface IContentWriter
{
    Task<SaveResult> SaveAsync(ContentBatch batch, CancellationToken cancellationToken = default);
}
