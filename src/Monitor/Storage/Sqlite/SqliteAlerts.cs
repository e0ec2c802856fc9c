using System.Globalization;
using System.Text.Json;
using Monitor.Alerts;
using Monitor.Alerts.Detection;
using Monitor.Domain;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Alerts inside a write transaction: the reads detection makes (every one an indexed lookup or
/// range), the station comment tallies kept current by each save, and the writing of detection's
/// decision with its outbox rows, so an alert exists exactly when the data that raised it does.
/// </summary>
internal sealed class SqliteAlerts(SqliteStatements statements) : IAlertReads
{
    private const string HourFormat = "yyyy-MM-dd'T'HH";

    // Detection reads an item once for the surge rule and again for the viral one, and a station's
    // tally once per item commented on; within one save neither changes until the tallies are written
    // (which forgets them). An import's batch made ~20,000 of these reads, over half of them again.
    // The items kept are bounded: the save that ends an import checks every rescored item (a million
    // on a large store), and keeping all of them would grow with the store until it committed.
    private const int MaxItemsKept = 10_000;

    private readonly Dictionary<string, ItemFacts?> items = new(StringComparer.Ordinal);

    private readonly Dictionary<(string Station, string From, string To), CommentTally> stationTallies = [];

    /// <summary>
    /// Counts the new comments into their station's hourly tally (negative: a model flag in the same batch),
    /// added up in memory first: one upsert per station and hour, not one per comment (an import's batch
    /// brings 10,000 comments that fall on a few hundred hours).
    /// </summary>
    public Task TallyAsync(IReadOnlyList<Comment> newComments, IReadOnlyList<Flag> flags, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (newComments.Count == 0)
        {
            return Task.CompletedTask;
        }

        stationTallies.Clear();
        var negative = flags.Where(f => f.TargetKind == TargetKind.Comment && f.Source.StartsWith("model:", StringComparison.Ordinal)).Select(f => f.TargetId).ToHashSet(StringComparer.Ordinal);
        var tallies = new Dictionary<(string Station, string Hour), CommentTally>();
        foreach (var comment in newComments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Read through the items detection reads next (the surge rule looks at each item commented on).
            if (Item(comment.ItemId)?.StationId is not { } station)
            {
                continue;
            }

            var key = (station, Hour(comment.PublishedAt ?? now));
            var sum = tallies.GetValueOrDefault(key);
            tallies[key] = new CommentTally(sum.Comments + 1, sum.Negative + (negative.Contains(comment.Id) ? 1 : 0));
        }

        foreach (var ((station, hour), sum) in tallies)
        {
            statements.Raw("""
                INSERT INTO comment_tallies (station_id, hour, comments, negative) VALUES ($station, $hour, $comments, $negative)
                ON CONFLICT (station_id, hour) DO UPDATE SET comments = comments + excluded.comments, negative = negative + excluded.negative
                """)
                .Bind("$station", station)
                .Bind("$hour", hour)
                .Bind("$comments", sum.Comments)
                .Bind("$negative", sum.Negative)
                .Execute();
        }

        return Task.CompletedTask;
    }

    public Task<CommentTally> ItemCommentsAsync(string itemId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var read = statements.Raw("""
            SELECT COUNT(*), COALESCE(SUM(EXISTS (SELECT 1 FROM flags f WHERE f.target_id = c.id AND f.source >= 'model:' AND f.source < 'model;')), 0)
            FROM comments c WHERE c.item_id = $item AND COALESCE(c.published_at, c.first_seen_at) > $from AND COALESCE(c.published_at, c.first_seen_at) <= $to
            """).Bind("$item", itemId).Bind("$from", SqliteTime.Write(since)).Bind("$to", SqliteTime.Write(until));
        read.Read();
        var tally = new CommentTally(read.GetInt64(0), read.GetInt64(1));
        read.Start();
        return Task.FromResult(tally);
    }

    /// <summary>Hour buckets: those whose hour starts after <paramref name="since"/>'s hour began and at or before <paramref name="until"/>.</summary>
    public Task<CommentTally> StationCommentsAsync(string stationId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var key = (Station: stationId, From: Hour(since), To: Hour(until));
        if (!stationTallies.TryGetValue(key, out var tally))
        {
            var read = statements.Raw("""
                SELECT COALESCE(SUM(comments), 0), COALESCE(SUM(negative), 0) FROM comment_tallies
                WHERE station_id = $station AND hour > $from AND hour <= $to
                """).Bind("$station", key.Station).Bind("$from", key.From).Bind("$to", key.To);
            read.Read();
            tally = new CommentTally(read.GetInt64(0), read.GetInt64(1));
            read.Start();
            stationTallies[key] = tally;
        }

        return Task.FromResult(tally);
    }

    public Task<ItemFacts?> ItemAsync(string itemId, CancellationToken cancellationToken = default) => Task.FromResult(Item(itemId));

    private ItemFacts? Item(string itemId)
    {
        if (items.TryGetValue(itemId, out var known))
        {
            return known;
        }

        var facts = ReadItem(itemId);
        if (items.Count >= MaxItemsKept)
        {
            items.Clear();
        }

        items[itemId] = facts;
        return facts;
    }

    /// <summary>The item's own row says where it belongs; its scores and engagement come from its summary, which an import's batches leave for later.</summary>
    private ItemFacts? ReadItem(string itemId)
    {
        var read = statements.Raw("""
            SELECT i.station_id, i.channel_id, i.title, i.url, i.published_at, s.score_1h, s.score_24h, COALESCE(s.engagement, 0), COALESCE(s.flagged, 0)
            FROM items i LEFT JOIN item_summary s ON s.item_id = i.id WHERE i.id = $id
            """).Bind("$id", itemId);
        if (!read.Read())
        {
            return null;
        }

        var facts = new ItemFacts(
            itemId, read.GetString(0), read.GetString(1), read.GetString(2), read.GetString(3), read.GetNullableString(4) is { } published ? SqliteTime.Read(published) : null,
            read.GetNullableDouble(5), read.GetNullableDouble(6), read.GetInt64(7), read.GetInt64(8));
        read.Start();
        return facts;
    }

    public Task<IReadOnlyList<int>> ChannelDailyItemsAsync(string channelId, DateOnly firstDay, int days, CancellationToken cancellationToken = default)
    {
        var counts = new int[days];
        var read = statements.Raw("""
            SELECT substr(published_at, 1, 10), COUNT(*) FROM item_summary INDEXED BY summary_by_channel
            WHERE channel_id = $channel AND published_at >= $from AND published_at < $to GROUP BY 1
            """)
            .Bind("$channel", channelId)
            .Bind("$from", firstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Bind("$to", firstDay.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        while (read.Read())
        {
            var day = DateOnly.ParseExact(read.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var index = day.DayNumber - firstDay.DayNumber;
            if (index >= 0 && index < days)
            {
                counts[index] = (int)read.GetInt64(1);
            }
        }

        return Task.FromResult<IReadOnlyList<int>>(counts);
    }

    public async Task<IReadOnlyList<string>> OpenKeysAsync(AlertKind kind, CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        var command = statements.Get("SELECT key FROM alerts INDEXED BY alerts_open_kind WHERE kind = $kind AND closed_at IS NULL");
        command.Parameters.AddWithValue("$kind", kind.ToWire());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public Task<IReadOnlyList<StoredFlag>> FlagsOfItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        var flags = new List<StoredFlag>();
        var read = statements.Raw("""
            SELECT target_id, target_kind, source, severity, reason, evidence, raised_at FROM flags WHERE target_id = $item
            UNION ALL
            SELECT f.target_id, f.target_kind, f.source, f.severity, f.reason, f.evidence, f.raised_at FROM comments c JOIN flags f ON f.target_id = c.id WHERE c.item_id = $item
            """).Bind("$item", itemId);
        while (read.Read())
        {
            flags.Add(new StoredFlag(
                read.GetString(0), read.GetString(1), read.GetString(2), read.GetString(3), read.GetString(4),
                JsonSerializer.Deserialize<List<string>>(read.GetString(5)) ?? [], SqliteTime.Read(read.GetString(6))));
        }

        return Task.FromResult<IReadOnlyList<StoredFlag>>(flags);
    }

    public async Task<bool> EverRaisedAsync(string key, CancellationToken cancellationToken = default)
    {
        var command = statements.Get("SELECT EXISTS (SELECT 1 FROM alerts WHERE key = $key)");
        command.Parameters.AddWithValue("$key", key);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>
    /// Writes detection's decision: an open alert with the same key is updated in place (never
    /// delivered again); a new one is inserted with one outbox row per recipient and channel. Kinds
    /// that describe a single event (viral, watch-list, removed) fire once per key, ever.
    /// </summary>
    public async Task<int> WriteAsync(AlertChanges changes, AlertSetup setup, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opened = 0;
        var at = SqliteTime.Write(now);
        foreach (var key in changes.Closed.Distinct(StringComparer.Ordinal))
        {
            var close = statements.Get("UPDATE alerts SET closed_at = $now, updated_at = $now WHERE key = $key AND closed_at IS NULL");
            close.Parameters.AddWithValue("$key", key);
            close.Parameters.AddWithValue("$now", at);
            await close.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var alert in changes.Raised.GroupBy(a => a.Key, StringComparer.Ordinal).Select(g => g.Last()))
        {
            var update = statements.Get("""
                UPDATE alerts SET summary = $summary, numbers = $numbers, evidence = $evidence, updated_at = $now
                WHERE key = $key AND closed_at IS NULL
                """);
            AddContent(update, alert, at);
            if (await update.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                continue;
            }

            if (IsOneShot(alert.Kind) && await EverRaisedAsync(alert.Key, cancellationToken))
            {
                continue;
            }

            var insert = statements.Get("""
                INSERT INTO alerts (key, kind, target_id, station_id, channel_id, item_id, summary, numbers, evidence, opened_at, updated_at)
                VALUES ($key, $kind, $target, $station, $channel, $item, $summary, $numbers, $evidence, $now, $now)
                RETURNING id
                """);
            AddContent(insert, alert, at);
            insert.Parameters.AddWithValue("$kind", alert.Kind.ToWire());
            insert.Parameters.AddWithValue("$target", alert.TargetId);
            insert.Parameters.AddWithValue("$station", alert.StationId);
            insert.Parameters.AddWithValue("$channel", (object?)alert.ChannelId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$item", (object?)alert.ItemId ?? DBNull.Value);
            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            opened++;
            foreach (var delivery in setup.Router.Route(alert, now))
            {
                var outbox = statements.Get("""
                    INSERT INTO alert_deliveries (idempotency_key, alert_id, recipient_id, channel, address, due_at, status, next_attempt_at)
                    VALUES ($key, $alert, $recipient, $channel, $address, $due, 'pending', $due)
                    ON CONFLICT (idempotency_key) DO NOTHING
                    """);
                outbox.Parameters.AddWithValue("$key", delivery.IdempotencyKey(id));
                outbox.Parameters.AddWithValue("$alert", id);
                outbox.Parameters.AddWithValue("$recipient", delivery.RecipientId);
                outbox.Parameters.AddWithValue("$channel", delivery.Target.Channel);
                outbox.Parameters.AddWithValue("$address", delivery.Target.Address);
                outbox.Parameters.AddWithValue("$due", SqliteTime.Write(delivery.DueAt));
                await outbox.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return opened;
    }

    private static bool IsOneShot(AlertKind kind) => kind is AlertKind.Viral or AlertKind.Watchlist or AlertKind.RemovedAfterFlag;

    private static void AddContent(Microsoft.Data.Sqlite.SqliteCommand command, RaisedAlert alert, string now)
    {
        command.Parameters.AddWithValue("$key", alert.Key);
        command.Parameters.AddWithValue("$summary", alert.Summary);
        command.Parameters.AddWithValue("$numbers", JsonSerializer.Serialize(alert.Numbers));
        command.Parameters.AddWithValue("$evidence", JsonSerializer.Serialize(alert.Evidence));
        command.Parameters.AddWithValue("$now", now);
    }

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture);
}
