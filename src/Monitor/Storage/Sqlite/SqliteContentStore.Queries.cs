using System.Text;
using Microsoft.Data.Sqlite;
using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage.Sqlite;

/// <summary>The query contract over <c>item_summary</c> and <c>item_links</c>: indexed SQL, bodies only for one item.</summary>
internal sealed partial class SqliteContentStore
{
    private const string SummaryColumns =
        "s.item_id, s.station_id, s.channel_id, s.platform, s.kind, s.url, s.title, s.published_at, s.collected_at, s.engagement, s.views, s.score_1h, s.score_24h, s.score_7d";

    private const string LinkColumn = "(SELECT group_concat(l.link, char(10)) FROM item_links l WHERE l.item_id = s.item_id)";

    /// <summary>Up to this many scored items in a period, its median sorts them (~10 ms) rather than walking the station's ratios.</summary>
    private const int ShortPeriodScored = 20_000;

    public Task<IReadOnlyList<StationTotals>> GetStationTotalsAsync(ContentFilter filter, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<StationTotals>>(async connection =>
        {
            var groups = new Dictionary<string, (int Items, long Engagement, long Views, Dictionary<string, int> Platforms, SortedSet<string> Channels)>(StringComparer.Ordinal);
            (int, long, long, Dictionary<string, int>, SortedSet<string>) Group(string station) =>
                groups.TryGetValue(station, out var g) ? g : groups[station] = (0, 0, 0, new Dictionary<string, int>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));

            // Whole UTC days of the period from summary_days, the part-days at its ends from the items themselves.
            foreach (var (sql, command) in TotalsQueries(connection, filter))
            {
                await using (command)
                {
                    command.CommandText = sql;
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var station = reader.GetString(0);
                        var (items, engagement, views, platforms, channels) = Group(station);
                        var count = reader.GetInt32(3);
                        platforms[reader.GetString(1)] = platforms.GetValueOrDefault(reader.GetString(1)) + count;
                        channels.Add(reader.GetString(2));
                        groups[station] = (items + count, engagement + reader.GetInt64(4), views + reader.GetInt64(5), platforms, channels);
                    }
                }
            }

            // The median is taken on ratios (see Overperformance.MedianScore). Per station, the count of
            // scored items (summary_ratio_by_time: the period's range), then the middle one or two read off
            // summary_ratio (ordered by ratio) at that offset: an index walk, no sort, and memory flat however
            // many items the period holds. A short period's few scored items are sorted instead: the walk
            // passes half the station's scored items whatever the period.
            var medians = new Dictionary<string, (long Scored, List<double> Middle)>(StringComparer.Ordinal);
            foreach (var station in groups.Keys.Order(StringComparer.Ordinal).ToList())
            {
                var one = filter with { Stations = [station] };
                long scored;
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = $"SELECT COUNT(*) FROM item_summary s WHERE {Where(command, one)} AND s.ratio IS NOT NULL";
                    scored = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                }

                if (scored == 0)
                {
                    continue;
                }

                var middle = new List<double>(2);
                await using (var command = connection.CreateCommand())
                {
                    var index = scored <= ShortPeriodScored && (filter.From is not null || filter.To is not null) ? "summary_ratio_by_time" : "summary_ratio";
                    command.CommandText = $"SELECT s.ratio FROM item_summary s INDEXED BY {index} WHERE {Where(command, one)} AND s.ratio IS NOT NULL ORDER BY s.ratio LIMIT $count OFFSET $offset";
                    command.Parameters.AddWithValue("$count", scored % 2 == 1 ? 1 : 2);
                    command.Parameters.AddWithValue("$offset", (scored - 1) / 2);
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        middle.Add(reader.GetDouble(0));
                    }
                }

                medians[station] = (scored, middle);
            }

            return [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new StationTotals(
                g.Key, g.Value.Items, g.Value.Engagement, g.Value.Views,
                g.Value.Platforms.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                [.. g.Value.Channels], MedianScore(medians.GetValueOrDefault(g.Key).Middle), (int)medians.GetValueOrDefault(g.Key).Scored))];
        }, cancellationToken);

    /// <summary>
    /// The queries whose rows (station, platform, channel, items, engagement, views) add up to the filter's
    /// totals: summary_days for the whole UTC days inside the period, item_summary for the part-days at
    /// either end (or for the whole period when it holds no whole day).
    /// </summary>
    private static List<(string Sql, SqliteCommand Command)> TotalsQueries(SqliteConnection connection, ContentFilter filter)
    {
        const string ItemsGroup = "GROUP BY s.station_id, s.platform, s.channel_id";
        const string ItemsColumns = "s.station_id, s.platform, s.channel_id, COUNT(*), SUM(s.engagement), SUM(COALESCE(s.views, 0))";
        var firstDay = filter.From is { } from ? (from.UtcDateTime.TimeOfDay == TimeSpan.Zero ? from.UtcDateTime.Date : from.UtcDateTime.Date.AddDays(1)) : (DateTime?)null;
        var endDay = filter.To is { } to ? to.UtcDateTime.Date : (DateTime?)null;
        var queries = new List<(string, SqliteCommand)>();
        SqliteCommand New()
        {
#pragma warning disable CA2000 // Disposed by the caller, which runs it.
            return connection.CreateCommand();
#pragma warning restore CA2000
        }

        if (firstDay is { } f && endDay is { } e && f >= e)
        {
            var all = New();
            queries.Add(($"SELECT {ItemsColumns} FROM item_summary s WHERE {Where(all, filter)} {ItemsGroup}", all));
            return queries;
        }

        var days = New();
        var where = new StringBuilder(filter.Stations is { } stations ? (stations.Count == 0 ? "0 = 1" : $"d.station_id IN ({InList(days, "$st", stations)})") : "1 = 1");
        if (filter.Platform is { } platform)
        {
            where.Append(" AND d.platform = $platform");
            days.Parameters.AddWithValue("$platform", platform.ToWire());
        }

        if (firstDay is { } first)
        {
            where.Append(" AND d.day >= $firstDay");
            days.Parameters.AddWithValue("$firstDay", first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (endDay is { } end)
        {
            where.Append(" AND d.day < $endDay");
            days.Parameters.AddWithValue("$endDay", end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        queries.Add(($"""
            SELECT d.station_id, d.platform, d.channel_id, SUM(d.items), SUM(d.engagement), SUM(d.views) FROM summary_days d
            WHERE {where} GROUP BY d.station_id, d.platform, d.channel_id HAVING SUM(d.items) > 0
            """, days));
        if (filter.From is { } start && firstDay is { } startDay && start.UtcDateTime < startDay)
        {
            var head = New();
            queries.Add(($"SELECT {ItemsColumns} FROM item_summary s WHERE {Where(head, filter with { To = new DateTimeOffset(startDay, TimeSpan.Zero) })} {ItemsGroup}", head));
        }

        if (filter.To is { } stop && endDay is { } stopDay && stop.UtcDateTime > stopDay)
        {
            var tail = New();
            queries.Add(($"SELECT {ItemsColumns} FROM item_summary s WHERE {Where(tail, filter with { From = new DateTimeOffset(stopDay, TimeSpan.Zero) })} {ItemsGroup}", tail));
        }

        return queries;
    }

    /// <summary>The middle ratio (or the mean of the two middle ones) written back as a score.</summary>
    private static double? MedianScore(List<double>? middle)
    {
        if (middle is not { Count: > 0 })
        {
            return null;
        }

        var ratio = middle.Count == 1 ? middle[0] : (middle[0] + middle[1]) / 2;
        return ratio >= 1 ? ratio : -1 / ratio;
    }

    /// <remarks>
    /// SQLite sorts nulls last when descending, so unscored items come last and summary_top gives the order
    /// without sorting. For one station it is named: the walk in score order stops at the limit and checks
    /// the period on the index's own <c>at</c>, where the planner would rather read the period's rows and
    /// sort them all. Several stations' orders cannot be walked as one, so the planner chooses then.
    /// </remarks>
    public Task<IReadOnlyList<ItemSummary>> GetTopItemsAsync(ContentFilter filter, int limit, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<ItemSummary>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            var index = filter.Stations is { Count: 1 } ? " INDEXED BY summary_top" : string.Empty;
            command.CommandText = $"""
                SELECT {SummaryColumns} FROM item_summary s{index} WHERE {Where(command, filter)}
                ORDER BY s.best_score DESC, s.engagement DESC, s.seq LIMIT $limit
                """;
            command.Parameters.AddWithValue("$limit", limit);
            return await ReadAllAsync(command, r => ReadSummary(r), cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesAsync(ContentFilter filter, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<StoryCandidate>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SummaryColumns}, {LinkColumn} FROM item_summary s WHERE {Where(command, filter)} ORDER BY s.seq";
            return await ReadAllAsync(command, ReadCandidate, cancellationToken);
        }, cancellationToken);

    /// <remarks>Read off summary_stories, which covers every column asked for: no row of item_summary is visited.</remarks>
    public Task<IReadOnlyList<TitledItem>> GetTitledItemsAsync(ContentFilter filter, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<TitledItem>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT s.item_id, s.station_id, s.platform, s.published_at, s.engagement, s.views, s.title FROM item_summary s WHERE {Where(command, filter)}";
            return await ReadAllAsync(command, r => new TitledItem(
                r.GetString(0), r.GetString(1), ReadPlatform(r.GetString(2)), SqliteTime.ReadNullable(r.GetValue(3)), r.GetInt64(4), NullableLong(r, 5), r.GetString(6)), cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<SharedLink>> GetSharedLinksAsync(ContentFilter filter, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<SharedLink>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT l.link, group_concat(l.item_id, char(10)) FROM item_links l
                WHERE l.item_id IN (SELECT s.item_id FROM item_summary s WHERE {Where(command, filter)})
                GROUP BY l.link HAVING COUNT(*) > 1
                """;
            var shared = await ReadAllAsync(command, r => new SharedLink(r.GetString(0), [.. r.GetString(1).Split('\n').Order(StringComparer.Ordinal)]), cancellationToken);
            return [.. shared.OrderBy(l => l.LinkKey, StringComparer.Ordinal)];
        }, cancellationToken);

    public Task<IReadOnlyList<StoryCandidate>> GetStoryCandidatesByIdAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<StoryCandidate>>([]);
        }

        return QueryStoreAsync<IReadOnlyList<StoryCandidate>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SummaryColumns}, {LinkColumn} FROM item_summary s WHERE s.item_id IN ({InList(command, "$i", itemIds)}) ORDER BY s.seq";
            return await ReadAllAsync(command, ReadCandidate, cancellationToken);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StoryCandidate>> GetItemsSharingLinksAsync(IReadOnlyCollection<string> linkKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(linkKeys);
        if (linkKeys.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<StoryCandidate>>([]);
        }

        return QueryStoreAsync<IReadOnlyList<StoryCandidate>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {SummaryColumns}, {LinkColumn} FROM item_summary s
                WHERE s.item_id IN (SELECT item_id FROM item_links WHERE link IN ({InList(command, "$k", linkKeys)})) ORDER BY s.seq
                """;
            return await ReadAllAsync(command, ReadCandidate, cancellationToken);
        }, cancellationToken);
    }

    public Task<Item?> GetItemAsync(string itemId, CancellationToken cancellationToken = default) =>
        QueryStoreAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {ItemColumns} FROM items WHERE id = $id";
            command.Parameters.AddWithValue("$id", itemId);
            return (await ReadAllAsync(command, r => ReadItem(r), cancellationToken)).SingleOrDefault();
        }, cancellationToken);

    public Task<IReadOnlyList<Observation>> GetObservationsAsync(string itemId, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<Observation>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {ObservationColumns} FROM observations WHERE item_id = $id ORDER BY observed_at";
            command.Parameters.AddWithValue("$id", itemId);
            return await ReadAllAsync(command, r => ReadObservation(r), cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<Comment>> GetCommentsAsync(string itemId, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        QueryStoreAsync<IReadOnlyList<Comment>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {CommentColumns} FROM comments WHERE item_id = $id AND id > $after ORDER BY id LIMIT $limit";
            command.Parameters.AddWithValue("$id", itemId);
            command.Parameters.AddWithValue("$after", afterId ?? string.Empty);
            command.Parameters.AddWithValue("$limit", limit);
            return await ReadAllAsync(command, r => ReadComment(r), cancellationToken);
        }, cancellationToken);

    /// <summary>The filter as a WHERE clause over <c>item_summary s</c>, its values added as parameters.</summary>
    private static string Where(SqliteCommand command, ContentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = StationsAndPlatform(new StringBuilder("1 = 1"), command, filter, "s");
        if (filter.From is { } from)
        {
            where.Append(" AND s.at >= $from");
            command.Parameters.AddWithValue("$from", SqliteTime.Write(from));
        }

        if (filter.To is { } to)
        {
            where.Append(" AND s.at < $to");
            command.Parameters.AddWithValue("$to", SqliteTime.Write(to));
        }

        return where.ToString();
    }

    /// <summary>Appends the filter's stations and platform as conditions on <paramref name="alias"/>'s station_id and platform, their values added as parameters.</summary>
    private static StringBuilder StationsAndPlatform(StringBuilder where, SqliteCommand command, ContentFilter filter, string alias)
    {
        if (filter.Stations is { } stations)
        {
            where.Append(stations.Count == 0 ? " AND 0 = 1" : $" AND {alias}.station_id IN ({InList(command, "$st", stations)})");
        }

        if (filter.Platform is { } platform)
        {
            where.Append(" AND ").Append(alias).Append(".platform = $platform");
            command.Parameters.AddWithValue("$platform", platform.ToWire());
        }

        return where;
    }

    private static string InList(SqliteCommand command, string prefix, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = prefix + names.Count;
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        return string.Join(", ", names);
    }

    private static ItemSummary ReadSummary(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        ReadPlatform(reader.GetString(3)),
        Enum.Parse<ItemKind>(reader.GetString(4), ignoreCase: true),
        reader.GetString(5),
        reader.GetString(6),
        SqliteTime.ReadNullable(reader.GetValue(7)),
        SqliteTime.Read(reader.GetString(8)),
        reader.GetInt64(9),
        NullableLong(reader, 10),
        reader.IsDBNull(11) ? null : reader.GetDouble(11),
        reader.IsDBNull(12) ? null : reader.GetDouble(12),
        reader.IsDBNull(13) ? null : reader.GetDouble(13));

    private static StoryCandidate ReadCandidate(SqliteDataReader reader) =>
        new(ReadSummary(reader), reader.IsDBNull(14) ? [] : reader.GetString(14).Split('\n'));

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task<T> QueryStoreAsync<T>(Func<SqliteConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        try
        {
            return await query(connection);
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }
}
