namespace Monitor.Domain;

/// <summary>A channel's follower (subscriber) count at one instant, where the platform reports it.</summary>
public sealed record FollowerCount(string ChannelId, DateTimeOffset ObservedAt, long Followers);
