namespace Monitor.Pipeline;

/// <summary>
/// Reads back what a store kept with <see cref="ContentBatch.Checkpoint"/>. A store that cannot keep a
/// checkpoint with its batch does not offer this, and an import then starts again from the first line
/// (safe: ids dedupe, observations are keyed by item and time).
/// </summary>
public interface ICheckpointReader
{
    Task<string?> ReadCheckpointAsync(string key, CancellationToken cancellationToken = default);
}
