using System.Runtime.InteropServices;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Keeps <c>summary_days</c> current inside a save: per station, UTC day of the item's time
/// (published, else collected), platform and channel, the number of items, their latest engagement
/// and views, their observations, comments and flagged targets. A save moves each touched item's
/// old contribution out and its new one in, so the leaderboard and <c>stats</c> add up a few rows
/// a day instead of scanning every item. The same contributions go to <c>summary_hours</c> (per
/// station, UTC hour and platform), from which the dashboard draws days in any whole-hour time zone.
/// The moves of one save are added up in memory and written by <see cref="Write"/> as one upsert per
/// day row and per hour row they change: an import's batch of 5,000 items falls on a few hundred rows,
/// and writing each item's share apart had been 10,000 upserts a batch (a twentieth of its save).
/// </summary>
internal sealed class SqliteDayTotals(SqliteStatements statements)
{
    /// <summary>What one item adds to its day's row.</summary>
    public sealed record Contribution(string StationId, string At, string Platform, string ChannelId, long Engagement, long Views, long Observations, long Comments, long Flagged);

    private readonly Dictionary<(string Station, string Day, string Platform, string Channel), Sums> days = [];

    private readonly Dictionary<(string Station, string Hour, string Platform), Sums> hours = [];

    /// <summary>Replaces <paramref name="old"/> (null for a new item) by <paramref name="current"/> in the sums to write.</summary>
    public void Move(Contribution? old, Contribution current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (old == current)
        {
            return;
        }

        if (old is not null)
        {
            Add(old, -1);
        }

        Add(current, 1);
    }

    /// <summary>The day and hour rows the moves so far change (what holding them costs in memory).</summary>
    public int Rows => days.Count + hours.Count;

    /// <summary>Writes the sums of every move so far and forgets them. A row whose sums all came to zero is left as it is.</summary>
    public void Write()
    {
        foreach (var ((station, day, platform, channel), sums) in days)
        {
            if (sums.IsZero)
            {
                continue;
            }

            var upsert = statements.Raw("""
                INSERT INTO summary_days (station_id, day, platform, channel_id, items, engagement, views, observations, comments, flagged)
                VALUES ($station, $day, $platform, $channel, $items, $engagement, $views, $observations, $comments, $flagged)
                ON CONFLICT (station_id, day, platform, channel_id) DO UPDATE SET
                    items = items + excluded.items, engagement = engagement + excluded.engagement, views = views + excluded.views,
                    observations = observations + excluded.observations, comments = comments + excluded.comments, flagged = flagged + excluded.flagged
                """);
            BindShared(upsert, station, platform, sums).Bind("$day", day).Bind("$channel", channel).Bind("$observations", sums.Observations).Execute();
        }

        foreach (var ((station, hour, platform), sums) in hours)
        {
            if (sums.IsZero)
            {
                continue;
            }

            var upsert = statements.Raw("""
                INSERT INTO summary_hours (station_id, at, platform, items, engagement, views, comments, flagged)
                VALUES ($station, $at, $platform, $items, $engagement, $views, $comments, $flagged)
                ON CONFLICT (station_id, at, platform) DO UPDATE SET
                    items = items + excluded.items, engagement = engagement + excluded.engagement, views = views + excluded.views,
                    comments = comments + excluded.comments, flagged = flagged + excluded.flagged
                """);
            BindShared(upsert, station, platform, sums).Bind("$at", hour).Execute();
        }

        days.Clear();
        hours.Clear();
    }

    /// <summary>The day an item time falls on (SqliteTime's text starts with yyyy-MM-dd, UTC).</summary>
    public static string Day(string at) => at[..10];

    /// <summary>The start of the UTC hour an item time falls in, in SqliteTime's text.</summary>
    public static string Hour(string at) => at[..13] + ":00:00.0000000Z";

    private void Add(Contribution c, int sign)
    {
        Sum(days, (c.StationId, Day(c.At), c.Platform, c.ChannelId), c, sign);
        Sum(hours, (c.StationId, Hour(c.At), c.Platform), c, sign);
    }

    private static void Sum<TKey>(Dictionary<TKey, Sums> sums, TKey key, Contribution c, int sign)
        where TKey : notnull
    {
        ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, key, out _);
        row.Items += sign;
        row.Engagement += sign * c.Engagement;
        row.Views += sign * c.Views;
        row.Observations += sign * c.Observations;
        row.Comments += sign * c.Comments;
        row.Flagged += sign * c.Flagged;
    }

    /// <summary>The parameters the day and the hour rows share: the station, the platform and the signed sums.</summary>
    private static SqliteRawStatement BindShared(SqliteRawStatement statement, string station, string platform, Sums sums) => statement
        .Bind("$station", station)
        .Bind("$platform", platform)
        .Bind("$items", sums.Items)
        .Bind("$engagement", sums.Engagement)
        .Bind("$views", sums.Views)
        .Bind("$comments", sums.Comments)
        .Bind("$flagged", sums.Flagged);

    /// <summary>The signed change one save makes to one row.</summary>
    private struct Sums
    {
        public long Items;
        public long Engagement;
        public long Views;
        public long Observations;
        public long Comments;
        public long Flagged;

        public readonly bool IsZero => Items == 0 && Engagement == 0 && Views == 0 && Observations == 0 && Comments == 0 && Flagged == 0;
    }
}
