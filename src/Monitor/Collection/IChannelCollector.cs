using Monitor.Domain;

namespace Monitor.Collection;

/// <summary>
/// Collects one kind of channel and hands each item on as a <see cref="CollectedItem"/>. What the
/// collector must remember once an item is stored (a seen URL, an observation checkpoint) goes in
/// that item's <see cref="CollectedItem.OnStored"/>: the pipeline calls it after the save, never
/// before, so a killed process never marks an unstored item as seen. Nothing a collector does may
/// depend on when the pipeline asks for the next item.
/// Collectors throw on failure; the runner classifies, logs and carries on with the next source.
/// </summary>
public interface IChannelCollector
{
    bool CanCollect(Channel channel);

    IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, CancellationToken cancellationToken = default);
}
