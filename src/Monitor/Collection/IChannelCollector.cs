using Monitor.Domain;

namespace Monitor.Collection;

/// <summary>
/// Collects one kind of channel. Items are yielded one at a time: the runner stores each before
/// asking for the next, so a collector may record "seen" state after its <c>yield return</c>
/// and a killed process never marks an unstored item as seen.
/// Collectors throw on failure; the runner classifies, logs and carries on with the next source.
/// </summary>
public interface IChannelCollector
{
    bool CanCollect(Channel channel);

    IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, CancellationToken cancellationToken = default);
}
