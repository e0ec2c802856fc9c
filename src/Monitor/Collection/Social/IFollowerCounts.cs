namespace Monitor.Collection.Social;

/// <summary>
/// Where a collector records a channel's follower (subscriber) count when the platform reports it;
/// reports read them back as <see cref="Domain.FollowerCount"/> through the store.
/// </summary>
public interface IFollowerCounts
{
    Task RecordAsync(string channelId, DateTimeOffset observedAt, long followers, CancellationToken cancellationToken = default);
}
