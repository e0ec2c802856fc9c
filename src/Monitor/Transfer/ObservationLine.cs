using Monitor.Domain;

namespace Monitor.Transfer;

/// <summary><c>{"type":"observation","itemId":…,"observedAt":…,"views":1,"reactions":2,"comments":3,"shares":4}</c>: an item's numbers at one instant.</summary>
public sealed record ObservationLine(
    string ItemId,
    DateTimeOffset ObservedAt,
    long? Views,
    long? Reactions,
    long? Comments,
    long? Shares) : TransferLine
{
    public static ObservationLine From(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return new ObservationLine(observation.ItemId, observation.ObservedAt.ToUniversalTime(), observation.Views, observation.Reactions, observation.Comments, observation.Shares);
    }

    /// <summary>The domain observation; its age is known only when the item's publication time is (<paramref name="publishedAt"/>).</summary>
    public Observation ToObservation(DateTimeOffset? publishedAt)
    {
        TransferJson.Require(ItemId, "itemId");
        TransferJson.NotNegative(Views, "views");
        TransferJson.NotNegative(Reactions, "reactions");
        TransferJson.NotNegative(Comments, "comments");
        TransferJson.NotNegative(Shares, "shares");
        var age = publishedAt is { } published && ObservedAt >= published ? ObservedAt - published : (TimeSpan?)null;
        return new Observation(ItemId, ObservedAt, age, Views, Reactions, Comments, Shares);
    }
}
