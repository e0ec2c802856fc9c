using Microsoft.Data.Sqlite;
using Monitor.Domain;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Keeps <c>item_summary</c> and <c>item_links</c> current inside a save's transaction. Each touched
/// item's row is rebuilt from its own rows (a handful of indexed reads). Overperformance is then
/// rescored only where it can have moved: an item whose engagement at an age (or publish time)
/// changed is the baseline of at most the next <see cref="Overperformance.BaselineSize"/> items of
/// its channel and kind that have a value at that age, so exactly those are rescored, each from
/// one indexed read of its own baseline. A deferred save (<paramref name="deferRescoring"/>: an
/// import's batches) marks those ranges stale instead (<see cref="SqliteStaleScores"/>), for the next
/// save that is not deferred to rescore in one ordered pass. Each item's share of its day's totals
/// moves with it (<see cref="SqliteDayTotals"/>; not while migration 4 backfills, before that table exists).
/// </summary>
internal sealed class SqliteItemSummaries(SqliteStatements statements, bool deferRescoring = false, bool keepDayTotals = true, bool keepMood = true)
{
    private static readonly string[] AgeColumns = ["1h", "24h", "7d"];

    private readonly HashSet<(string ItemId, int Age)> rescore = [];

    /// <summary>Rebuilds the summary rows of <paramref name="itemIds"/>; <paramref name="contentChanged"/> also get their link keys again.</summary>
    public async Task RefreshAsync(IEnumerable<string> itemIds, IReadOnlySet<string> contentChanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(contentChanged);
        var ripples = new List<(string Channel, string Kind, string Published, string ItemId, int Age)>();
        foreach (var id in itemIds.Distinct(StringComparer.Ordinal))
        {
            var row = await ReadItemAsync(id, cancellationToken);
            if (row is null)
            {
                continue; // observations or comments of an item not stored (yet): summarised when it arrives
            }

            var old = await ReadOldAsync(id, cancellationToken);
            var observations = await ReadObservationsAsync(id, cancellationToken);
            var published = row.PublishedAt is null ? (DateTimeOffset?)null : SqliteTime.Read(row.PublishedAt);
            var curve = EngagementCurve.FromObservations(published, observations);
            var values = new double?[AgeColumns.Length];
            for (var a = 0; a < values.Length; a++)
            {
                values[a] = published is null ? null : curve.ValueAt(Overperformance.StandardAges[a]);
            }

            var latest = observations.Count == 0 ? null : observations.MaxBy(o => o.ObservedAt);
            await UpsertAsync(row, observations.Count, latest, values, cancellationToken);
            if (keepMood && row.Comments > 0)
            {
                await CountMoodAsync(id, cancellationToken);
            }

            if (keepDayTotals)
            {
                var current = new SqliteDayTotals.Contribution(
                    row.StationId, row.PublishedAt ?? row.CollectedAt, row.Platform, row.ChannelId,
                    latest is null ? 0 : Engagement.Interactions(latest), latest?.Views ?? 0, observations.Count, row.Comments, row.Flagged);
                await new SqliteDayTotals(statements).MoveAsync(old?.Day, current, cancellationToken);
            }
            if (contentChanged.Contains(id))
            {
                await WriteLinksAsync(id, row, cancellationToken);
            }


            for (var a = 0; a < values.Length; a++)
            {
                var moved = old is null || old.Value.Published != row.PublishedAt;
                if (!moved && Equals(old!.Value.Values[a], values[a]))
                {
                    continue;
                }

                if (old is { Published: { } oldPublished } && old.Value.Values[a] is not null)
                {
                    ripples.Add((row.ChannelId, row.Kind, oldPublished, id, a));
                }

                if (row.PublishedAt is { } newPublished && values[a] is not null)
                {
                    ripples.Add((row.ChannelId, row.Kind, newPublished, id, a));
                }

                // Deferred, an item with a value is in its own stale range; one without has no score to look up.
                if (!deferRescoring || row.PublishedAt is null || values[a] is null)
                {
                    rescore.Add((id, a));
                }
            }
        }

        if (deferRescoring)
        {
            // One mark per channel and kind, at the earliest position (SQLite compares text as bytes: ordinal).
            var earliest = new Dictionary<(string Channel, string Kind), (string Published, string ItemId)>();
            foreach (var (channel, kind, published, itemId, _) in ripples)
            {
                if (!earliest.TryGetValue((channel, kind), out var known)
                    || (string.CompareOrdinal(published, known.Published), string.CompareOrdinal(itemId, known.ItemId)) is ( < 0, _) or (0, < 0))
                {
                    earliest[(channel, kind)] = (published, itemId);
                }
            }

            var stale = new SqliteStaleScores(statements);
            foreach (var ((channel, kind), (published, itemId)) in earliest)
            {
                await stale.MarkAsync(channel, kind, published, itemId, cancellationToken);
            }
        }
        else
        {
            foreach (var (channel, kind, published, itemId, age) in ripples)
            {
                await AddFollowersAsync(channel, kind, published, itemId, age, cancellationToken);
            }
        }

        await RescoreAsync(cancellationToken);
    }

    private sealed record ItemRow(long Seq, string Id, string StationId, string ChannelId, string Platform, string Kind, string Url, string Title, string? Body, string? PublishedAt, string CollectedAt, long Comments, long Flagged);

    private async Task<ItemRow?> ReadItemAsync(string id, CancellationToken cancellationToken)
    {
        var command = Command("""
            SELECT i.rowid, i.station_id, i.channel_id, i.platform, i.kind, i.url, i.title, i.body, i.published_at, i.collected_at,
                (SELECT COUNT(*) FROM comments WHERE item_id = i.id),
                (SELECT COUNT(*) > 0 FROM flags WHERE target_id = i.id AND target_kind = 'item')
                    + (SELECT COUNT(DISTINCT f.target_id) FROM comments c JOIN flags f ON f.target_id = c.id AND f.target_kind = 'comment' WHERE c.item_id = i.id)
            FROM items i WHERE i.id = $id
            """);
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ItemRow(
            reader.GetInt64(0), id, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9), reader.GetInt64(10), reader.GetInt64(11));
    }

    private async Task<(string? Published, double?[] Values, SqliteDayTotals.Contribution Day)?> ReadOldAsync(string id, CancellationToken cancellationToken)
    {
        var command = Command("""
            SELECT published_at, value_1h, value_24h, value_7d, station_id, at, platform, channel_id, engagement, COALESCE(views, 0), observations, comments, flagged
            FROM item_summary WHERE item_id = $id
            """);
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var day = new SqliteDayTotals.Contribution(
            reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
            reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12));
        return (reader.IsDBNull(0) ? null : reader.GetString(0), [NullableDouble(reader, 1), NullableDouble(reader, 2), NullableDouble(reader, 3)], day);
    }

    private async Task<List<Observation>> ReadObservationsAsync(string id, CancellationToken cancellationToken)
    {
        var command = Command("SELECT observed_at, age_seconds, views, reactions, comments, shares FROM observations WHERE item_id = $id ORDER BY observed_at");
        command.Parameters.AddWithValue("$id", id);
        var observations = new List<Observation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            observations.Add(new Observation(
                id,
                SqliteTime.Read(reader.GetString(0)),
                reader.IsDBNull(1) ? null : TimeSpan.FromSeconds(reader.GetInt64(1)),
                NullableLong(reader, 2),
                NullableLong(reader, 3),
                NullableLong(reader, 4),
                NullableLong(reader, 5)));
        }

        return observations;
    }

    /// <summary>The item's comments labelled negative, and offensive or hate, by any model version (the dashboard's comment mood).</summary>
    private async Task CountMoodAsync(string id, CancellationToken cancellationToken)
    {
        var command = Command("""
            UPDATE item_summary SET
                negative_comments = (SELECT COUNT(*) FROM comments c WHERE c.item_id = $id
                    AND EXISTS (SELECT 1 FROM assessments a WHERE a.target_id = c.id AND a.task = 'sentiment' AND lower(a.label) = 'negative')),
                toxic_comments = (SELECT COUNT(*) FROM comments c WHERE c.item_id = $id
                    AND EXISTS (SELECT 1 FROM assessments a WHERE a.target_id = c.id AND a.task = 'toxicity' AND lower(a.label) IN ('offensive', 'hate')))
            WHERE item_id = $id
            """);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task UpsertAsync(ItemRow row, int observations, Observation? latest, double?[] values, CancellationToken cancellationToken)
    {
        var command = Command("""
            INSERT INTO item_summary (item_id, seq, station_id, channel_id, platform, kind, url, title, published_at, collected_at, at,
                observations, comments, flagged, latest_at, engagement, views, value_1h, value_24h, value_7d)
            VALUES ($id, $seq, $station, $channel, $platform, $kind, $url, $title, $published, $collected, $at,
                $observations, $comments, $flagged, $latest, $engagement, $views, $v0, $v1, $v2)
            ON CONFLICT (item_id) DO UPDATE SET url = excluded.url, title = excluded.title, published_at = excluded.published_at, at = excluded.at,
                observations = excluded.observations, comments = excluded.comments, flagged = excluded.flagged, latest_at = excluded.latest_at,
                engagement = excluded.engagement, views = excluded.views, value_1h = excluded.value_1h, value_24h = excluded.value_24h, value_7d = excluded.value_7d
            """);
        command.Parameters.AddWithValue("$id", row.Id);
        command.Parameters.AddWithValue("$seq", row.Seq);
        command.Parameters.AddWithValue("$station", row.StationId);
        command.Parameters.AddWithValue("$channel", row.ChannelId);
        command.Parameters.AddWithValue("$platform", row.Platform);
        command.Parameters.AddWithValue("$kind", row.Kind);
        command.Parameters.AddWithValue("$url", row.Url);
        command.Parameters.AddWithValue("$title", row.Title);
        command.Parameters.AddWithValue("$published", (object?)row.PublishedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("$collected", row.CollectedAt);
        command.Parameters.AddWithValue("$at", row.PublishedAt ?? row.CollectedAt);
        command.Parameters.AddWithValue("$observations", observations);
        command.Parameters.AddWithValue("$comments", row.Comments);
        command.Parameters.AddWithValue("$flagged", row.Flagged);
        command.Parameters.AddWithValue("$latest", latest is null ? DBNull.Value : SqliteTime.Write(latest.ObservedAt));
        command.Parameters.AddWithValue("$engagement", latest is null ? 0 : Engagement.Interactions(latest));
        command.Parameters.AddWithValue("$views", (object?)latest?.Views ?? DBNull.Value);
        for (var a = 0; a < values.Length; a++)
        {
            command.Parameters.AddWithValue("$v" + a, (object?)values[a] ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task WriteLinksAsync(string id, ItemRow row, CancellationToken cancellationToken)
    {
        var delete = Command("DELETE FROM item_links WHERE item_id = $id");
        delete.Parameters.AddWithValue("$id", id);
        await delete.ExecuteNonQueryAsync(cancellationToken);

        var insert = Command("INSERT OR IGNORE INTO item_links (link, item_id) VALUES ($link, $id)");
        var link = insert.Parameters.Add("$link", SqliteType.Text);
        insert.Parameters.AddWithValue("$id", id);
        foreach (var key in StoryUrl.KeysOf(row.Url, row.Title, row.Body))
        {
            link.Value = key;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The items whose baseline at <paramref name="age"/> includes the position (published, id): the next ones with a value.</summary>
    private async Task AddFollowersAsync(string channel, string kind, string published, string itemId, int age, CancellationToken cancellationToken)
    {
        var column = "value_" + AgeColumns[age];
        var command = Command($"""
            SELECT item_id FROM item_summary
            WHERE channel_id = $channel AND kind = $kind AND (published_at, item_id) > ($published, $id) AND {column} IS NOT NULL
            ORDER BY published_at, item_id LIMIT {Overperformance.BaselineSize}
            """);
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$published", published);
        command.Parameters.AddWithValue("$id", itemId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rescore.Add((reader.GetString(0), age));
        }
    }

    private async Task RescoreAsync(CancellationToken cancellationToken)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (itemId, age) in rescore)
        {
            var column = AgeColumns[age];
            double? score = null;
            var own = Command($"SELECT channel_id, kind, published_at, value_{column} FROM item_summary WHERE item_id = $id");
            own.Parameters.AddWithValue("$id", itemId);
            (string Channel, string Kind, string Published, double Value)? position = null;
            await using (var reader = await own.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(2) && !reader.IsDBNull(3))
                {
                    position = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3));
                }
            }

            if (position is { } p)
            {
                score = SqliteStaleScores.Score(await SqliteStaleScores.ReadBaselineAsync(statements, p.Channel, p.Kind, p.Published, itemId, age, cancellationToken), p.Value);
            }

            var update = Command($"UPDATE item_summary SET score_{column} = $score WHERE item_id = $id");
            update.Parameters.AddWithValue("$score", (object?)score ?? DBNull.Value);
            update.Parameters.AddWithValue("$id", itemId);
            await update.ExecuteNonQueryAsync(cancellationToken);
            touched.Add(itemId);
        }

        foreach (var itemId in touched)
        {
            var best = Command("UPDATE item_summary SET best_score = COALESCE(score_7d, score_24h, score_1h) WHERE item_id = $id");
            best.Parameters.AddWithValue("$id", itemId);
            await best.ExecuteNonQueryAsync(cancellationToken);
        }

        rescore.Clear();
    }

    private SqliteCommand Command(string sql) => statements.Get(sql);

    private static double? NullableDouble(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static long? NullableLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
