namespace Monitor.Storage.Sqlite;

/// <summary>
/// Keeps <c>summary_days</c> current inside a save: per station, UTC day of the item's time
/// (published, else collected), platform and channel, the number of items, their latest engagement
/// and views, their observations, comments and flagged targets. A save moves each touched item's
/// old contribution out and its new one in, so the leaderboard and <c>stats</c> add up a few rows
/// a day instead of scanning every item. The same contributions go to <c>summary_hours</c> (per
/// station, UTC hour and platform), from which the dashboard draws days in any whole-hour time zone.
/// </summary>
internal sealed class SqliteDayTotals(SqliteStatements statements)
{
    /// <summary>What one item adds to its day's row.</summary>
    public sealed record Contribution(string StationId, string At, string Platform, string ChannelId, long Engagement, long Views, long Observations, long Comments, long Flagged);

    /// <summary>Replaces <paramref name="old"/> (null for a new item) by <paramref name="current"/>.</summary>
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

    /// <summary>The day an item time falls on (SqliteTime's text starts with yyyy-MM-dd, UTC).</summary>
    public static string Day(string at) => at[..10];

    /// <summary>The start of the UTC hour an item time falls in, in SqliteTime's text.</summary>
    public static string Hour(string at) => at[..13] + ":00:00.0000000Z";

    private void Add(Contribution c, int sign)
    {
        var day = statements.Raw("""
            INSERT INTO summary_days (station_id, day, platform, channel_id, items, engagement, views, observations, comments, flagged)
            VALUES ($station, $day, $platform, $channel, $items, $engagement, $views, $observations, $comments, $flagged)
            ON CONFLICT (station_id, day, platform, channel_id) DO UPDATE SET
                items = items + excluded.items, engagement = engagement + excluded.engagement, views = views + excluded.views,
                observations = observations + excluded.observations, comments = comments + excluded.comments, flagged = flagged + excluded.flagged
            """);
        BindShared(day, c, sign).Bind("$day", Day(c.At)).Bind("$channel", c.ChannelId).Bind("$observations", sign * c.Observations).Execute();

        var hour = statements.Raw("""
            INSERT INTO summary_hours (station_id, at, platform, items, engagement, views, comments, flagged)
            VALUES ($station, $at, $platform, $items, $engagement, $views, $comments, $flagged)
            ON CONFLICT (station_id, at, platform) DO UPDATE SET
                items = items + excluded.items, engagement = engagement + excluded.engagement, views = views + excluded.views,
                comments = comments + excluded.comments, flagged = flagged + excluded.flagged
            """);
        BindShared(hour, c, sign).Bind("$at", Hour(c.At)).Execute();
    }

    /// <summary>The parameters the day and the hour rows share: the station, the platform and the signed sums.</summary>
    private static SqliteRawStatement BindShared(SqliteRawStatement statement, Contribution c, int sign) => statement
        .Bind("$station", c.StationId)
        .Bind("$platform", c.Platform)
        .Bind("$items", sign)
        .Bind("$engagement", sign * c.Engagement)
        .Bind("$views", sign * c.Views)
        .Bind("$comments", sign * c.Comments)
        .Bind("$flagged", sign * c.Flagged);
}
