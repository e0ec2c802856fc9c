using Monitor.Domain;

namespace Monitor.Collection;

/// <summary>
/// What a collector hands down the pipeline for one item: the item and what was seen with it, and
/// what the collector wants done once all of it is stored (<see cref="OnStored"/>).
/// </summary>
public sealed record CollectedItem(
    Item Item,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<Comment> Comments)
{
    /// <summary>
    /// The collector's own bookkeeping for this item (mark the URL seen, move the observation
    /// checkpoint), run by the pipeline only after the store has acknowledged the save. An item
    /// the pipeline could not store is never acknowledged, so a killed or failing run never marks
    /// an unstored item as done. Null when the collector keeps no state about the item.
    /// </summary>
    public Func<CancellationToken, Task>? OnStored { get; init; }

    /// <summary>Called by the pipeline once the item is durably stored.</summary>
    public Task AcknowledgeStoredAsync(CancellationToken cancellationToken = default) =>
        OnStored?.Invoke(cancellationToken) ?? Task.CompletedTask;
}
