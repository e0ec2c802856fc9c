using Monitor.Domain;

namespace Monitor.Storage.Queries;

/// <summary>
/// One station's output on one platform on one local day (the day of the publication time, else
/// the collection time, in the offset asked for): items, their latest engagement and views, their
/// comments and the flags raised on them.
/// </summary>
public sealed record DailyTotals(
    string StationId,
    Platform Platform,
    DateOnly Day,
    int Items,
    long Engagement,
    long Views,
    long Comments,
    long Flagged);

/// <summary>Where a page of <see cref="IContentQueries.GetLatestItemsAsync"/> stopped: the last row's time (publication, else collection) and id.</summary>
public sealed record ItemCursor(DateTimeOffset At, string Id);

/// <summary>The comments under a filter's items and how many of them a model judged negative, or offensive or hateful.</summary>
public sealed record CommentMood(long Comments, long Negative, long Toxic)
{
    public double? NegativeShare => Comments == 0 ? null : (double)Negative / Comments;
}

/// <summary>One channel's latest collection as the store saw it: the last item stored, and how many it holds.</summary>
public sealed record ChannelActivity(string ChannelId, Platform Platform, int Items, DateTimeOffset LastCollectedAt);

/// <summary>A flag as the store keeps it: its row id, and the item it concerns (the item itself, or the one a flagged comment is under).</summary>
public sealed record StoredFlag(long Id, string ItemId, string StationId, Flag Flag);
