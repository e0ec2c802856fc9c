using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage.Sqlite;

/// <summary>The dashboard's queries: grouped over <c>item_summary</c>'s covering indexes, or one item's rows by primary key.</summary>
internal sealed partial class SqliteContentStore
{
    public Task<IReadOnlyList<DailyTotals>> GetDailyTotalsAsync(ContentFilter filter, TimeSpan utcOffset, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<DailyTotals>>(async connection =>
        {
            await using var command = connection.CreateCommand();

            // Vietnam days (the dashboard's) are read from summary_local_days; other whole hours are added
            // up from summary_hours; anything else groups the items themselves.
            if (utcOffset == LocalDaysOffset && StartsLocalDay(filter.From) && StartsLocalDay(filter.To))
            {
                command.CommandText = LocalDaysSql(command, filter);
                return await ReadAllAsync(command, r => new DailyTotals(
                    r.GetString(0), ReadPlatform(r.GetString(1)), DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    r.GetInt32(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)), cancellationToken);
            }

            if (WholeHours(filter, utcOffset))
            {
                command.CommandText = $"""
                    SELECT s.station_id, s.platform, s.at, s.items, s.engagement, s.views, s.comments, s.flagged
                    FROM summary_hours s WHERE {Where(command, filter)}
                    """;
                return await SumHoursAsync(command, utcOffset, cancellationToken);
            }

            // `at` is fixed-width UTC text; its first 19 characters are what SQLite's date functions read.
            command.CommandText = $"""
                SELECT s.station_id, s.platform, date(substr(s.at, 1, 19), $offset) AS day,
                       COUNT(*), SUM(s.engagement), SUM(COALESCE(s.views, 0)), SUM(s.comments), SUM(s.flagged)
                FROM item_summary s WHERE {Where(command, filter)}
                GROUP BY s.station_id, s.platform, day ORDER BY day, s.station_id, s.platform
                """;
            command.Parameters.AddWithValue("$offset", string.Create(CultureInfo.InvariantCulture, $"{(int)utcOffset.TotalMinutes:+0;-0} minutes"));
            return await ReadAllAsync(command, r => new DailyTotals(
                r.GetString(0), ReadPlatform(r.GetString(1)), DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.GetInt32(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)), cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// summary_hours' rows added up per station, platform and local day here rather than grouped by
    /// SQLite: its rows are read in key order (one range), where a GROUP BY on a computed day sorted
    /// them all first (a station's year: ~39k rows, 100 ms → 20 ms). Ordered as the item query orders.
    /// </summary>
    private static async Task<IReadOnlyList<DailyTotals>> SumHoursAsync(SqliteCommand command, TimeSpan utcOffset, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<(string Station, string Platform, DateOnly Day), (int Items, long Engagement, long Views, long Comments, long Flagged)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                // `at` is SqliteTime's fixed-width UTC text of the hour's start: yyyy-MM-ddTHH...
                var at = reader.GetString(2);
                var hour = new DateTime(Digits(at, 0, 4), Digits(at, 5, 2), Digits(at, 8, 2), Digits(at, 11, 2), 0, 0, DateTimeKind.Utc);
                var key = (reader.GetString(0), reader.GetString(1), DateOnly.FromDateTime(hour + utcOffset));
                var sum = sums.GetValueOrDefault(key);
                sums[key] = (sum.Items + reader.GetInt32(3), sum.Engagement + reader.GetInt64(4), sum.Views + reader.GetInt64(5),
                    sum.Comments + reader.GetInt64(6), sum.Flagged + reader.GetInt64(7));
            }
        }

        return [.. sums.Where(s => s.Value.Items > 0)
            .OrderBy(s => s.Key.Day).ThenBy(s => s.Key.Station, StringComparer.Ordinal).ThenBy(s => s.Key.Platform, StringComparer.Ordinal)
            .Select(s => new DailyTotals(s.Key.Station, ReadPlatform(s.Key.Platform), s.Key.Day, s.Value.Items, s.Value.Engagement, s.Value.Views, s.Value.Comments, s.Value.Flagged))];
    }

    /// <summary>The offset of summary_local_days' days (Vietnam's, UTC+7 all year).</summary>
    private static readonly TimeSpan LocalDaysOffset = TimeSpan.FromHours(7);

    private static bool StartsLocalDay(DateTimeOffset? at) => at is not { } a || (a.UtcTicks + LocalDaysOffset.Ticks) % TimeSpan.TicksPerDay == 0;

    private static string LocalDaysSql(SqliteCommand command, ContentFilter filter)
    {
        var where = StationsAndPlatform(new StringBuilder("d.items > 0"), command, filter, "d");

        string Day(DateTimeOffset at) => at.ToOffset(LocalDaysOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (filter.From is { } from)
        {
            where.Append(" AND d.day >= $fromDay");
            command.Parameters.AddWithValue("$fromDay", Day(from));
        }

        if (filter.To is { } to)
        {
            where.Append(" AND d.day < $toDay");
            command.Parameters.AddWithValue("$toDay", Day(to));
        }

        return $"""
            SELECT d.station_id, d.platform, d.day, d.items, d.engagement, d.views, d.comments, d.flagged
            FROM summary_local_days d WHERE {where} ORDER BY d.day, d.station_id, d.platform
            """;
    }

    private static int Digits(string text, int start, int length) => int.Parse(text.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);

    private static bool WholeHours(ContentFilter filter, TimeSpan utcOffset) =>
        utcOffset.Ticks % TimeSpan.TicksPerHour == 0
        && (filter.From is not { } from || from.UtcTicks % TimeSpan.TicksPerHour == 0)
        && (filter.To is not { } to || to.UtcTicks % TimeSpan.TicksPerHour == 0);

    public Task<IReadOnlyList<ItemSummary>> GetLatestItemsAsync(ContentFilter filter, ItemCursor? after, int limit, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<ItemSummary>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            var keyset = string.Empty;
            if (after is not null)
            {
                keyset = " AND (s.at < $afterAt OR (s.at = $afterAt AND s.item_id < $afterId))";
                command.Parameters.AddWithValue("$afterAt", SqliteTime.Write(after.At));
                command.Parameters.AddWithValue("$afterId", after.Id);
            }

            command.CommandText = $"SELECT {SummaryColumns} FROM item_summary s WHERE {Where(command, filter)}{keyset} ORDER BY s.at DESC, s.item_id DESC LIMIT $limit";
            command.Parameters.AddWithValue("$limit", limit);
            return await ReadAllAsync(command, r => ReadSummary(r), cancellationToken);
        }, cancellationToken);

    public Task<CommentMood> GetCommentMoodAsync(ContentFilter filter, CancellationToken cancellationToken = default) =>
        QueryStoreAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            // Counted per item at write time (SqliteItemSummaries.CountMoodAsync): a sum over summary_mood's entries.
            command.CommandText = $"""
                SELECT COALESCE(SUM(s.comments), 0), COALESCE(SUM(s.negative_comments), 0), COALESCE(SUM(s.toxic_comments), 0)
                FROM item_summary s WHERE {Where(command, filter)} AND s.comments > 0
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new CommentMood(reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
        }, cancellationToken);

    public Task<IReadOnlyList<ChannelActivity>> GetChannelActivityAsync(ContentFilter filter, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<ChannelActivity>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = filter.From is null && filter.To is null
                ? ChannelActivitySql(command, filter)
                : $"""
                  SELECT s.channel_id, s.platform, COUNT(*), MAX(s.collected_at) FROM item_summary s
                  WHERE {Where(command, filter)} GROUP BY s.channel_id, s.platform ORDER BY s.channel_id
                  """;
            return await ReadAllAsync(command, r => new ChannelActivity(r.GetString(0), ReadPlatform(r.GetString(1)), r.GetInt32(2), SqliteTime.Read(r.GetString(3))), cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Channel activity over all time: the counts added up from summary_days (a few rows a day instead of
    /// every item of the station) and each channel's latest collection one seek into
    /// summary_channel_latest (migration 12): 150 ms → a few ms for a station of 140k items.
    /// </summary>
    private static string ChannelActivitySql(SqliteCommand command, ContentFilter filter)
    {
        var days = new StringBuilder("1 = 1");
        var items = new StringBuilder();
        if (filter.Stations is { } stations)
        {
            var names = stations.Count == 0 ? null : InList(command, "$st", stations);
            days.Append(names is null ? " AND 0 = 1" : $" AND d.station_id IN ({names})");
            items.Append(names is null ? " AND 0 = 1" : $" AND s.station_id IN ({names})");
        }

        if (filter.Platform is { } platform)
        {
            days.Append(" AND d.platform = $platform");
            command.Parameters.AddWithValue("$platform", platform.ToWire());
        }

        return $"""
            SELECT d.channel_id, d.platform, SUM(d.items),
                   (SELECT MAX(s.collected_at) FROM item_summary s WHERE s.channel_id = d.channel_id AND s.platform = d.platform{items})
            FROM summary_days d WHERE {days}
            GROUP BY d.channel_id, d.platform HAVING SUM(d.items) > 0 ORDER BY d.channel_id
            """;
    }

    public Task<IReadOnlyList<Assessment>> GetAssessmentsAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        if (targetIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Assessment>>([]);
        }

        return QueryStoreAsync<IReadOnlyList<Assessment>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT target_id, target_kind, task, label, probability, model_version FROM assessments
                WHERE target_id IN ({InList(command, "$t", targetIds)}) ORDER BY target_id, task, model_version
                """;
            return await ReadAllAsync(command, r => new Assessment(
                r.GetString(0), Enum.Parse<TargetKind>(r.GetString(1), ignoreCase: true), r.GetString(2), r.GetString(3), r.GetDouble(4), r.GetString(5)), cancellationToken);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StoredFlag>> GetFlagsOfItemAsync(string itemId, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<StoredFlag>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT f.id, i.id, i.station_id, f.target_id, f.target_kind, f.source, f.severity, f.reason, f.score, f.evidence, f.raised_at
                FROM items i JOIN flags f ON f.target_id = i.id OR f.target_id IN (SELECT c.id FROM comments c WHERE c.item_id = i.id)
                WHERE i.id = $id ORDER BY f.raised_at DESC, f.id DESC
                """;
            command.Parameters.AddWithValue("$id", itemId);
            return await ReadAllAsync(command, ReadStoredFlag, cancellationToken);
        }, cancellationToken);

    private static StoredFlag ReadStoredFlag(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        new Flag(
            reader.GetString(3),
            Enum.Parse<TargetKind>(reader.GetString(4), ignoreCase: true),
            reader.GetString(5),
            reader.GetString(6),
            reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetDouble(8),
            JsonSerializer.Deserialize<string[]>(reader.GetString(9)) ?? [],
            SqliteTime.Read(reader.GetString(10))));
}
