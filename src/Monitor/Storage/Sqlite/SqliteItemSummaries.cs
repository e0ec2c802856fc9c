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

    private static readonly string[] ValueParameters = ["$v0", "$v1", "$v2"];

    private readonly HashSet<(string ItemId, int Age)> rescore = [];

    /// <summary>Rebuilds the summary rows of <paramref name="itemIds"/>; <paramref name="contentChanged"/> also get their link keys again.</summary>
    public void Refresh(IEnumerable<string> itemIds, IReadOnlySet<string> contentChanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var reader = new SqliteSummaryFactReader(statements, keepMood);
        var dayTotals = new SqliteDayTotals(statements);
        Refresh(itemIds.Distinct(StringComparer.Ordinal).Select(reader.Read).OfType<SummaryFacts>(), contentChanged, dayTotals, cancellationToken);
        dayTotals.Write();
    }

    /// <summary>
    /// Rebuilds the summary rows of the items <paramref name="facts"/> describe, each item once. The facts can come
    /// from another connection's view of the committed store (an import's last save reads them beside its writes).
    /// The items' moves of the day and hour sums go into <paramref name="dayTotals"/>, which the caller writes: the
    /// import's last save builds its summaries a step at a time, and each step falls on most of the import's hours.
    /// </summary>
    public void Refresh(IEnumerable<SummaryFacts> facts, IReadOnlySet<string> contentChanged, SqliteDayTotals dayTotals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(contentChanged);
        ArgumentNullException.ThrowIfNull(dayTotals);
        var ripples = new List<(string Channel, string Kind, string Published, string ItemId, int Age)>();
        foreach (var (row, old, observations, mood) in facts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = row.Id;
            var published = row.PublishedAt is null ? (DateTimeOffset?)null : SqliteTime.Read(row.PublishedAt);
            var curve = EngagementCurve.FromObservations(published, observations);
            var values = new double?[AgeColumns.Length];
            for (var a = 0; a < values.Length; a++)
            {
                values[a] = published is null ? null : curve.ValueAt(Overperformance.StandardAges[a]);
            }

            var latest = observations.Count == 0 ? null : observations.MaxBy(o => o.ObservedAt);
            // Counted before the row is written and written with it: an UPDATE after the upsert moved the row's index entries twice.
            Upsert(row, observations.Count, latest, values, mood);

            if (keepDayTotals)
            {
                var current = new SqliteDayTotals.Contribution(
                    row.StationId, row.PublishedAt ?? row.CollectedAt, row.Platform, row.ChannelId,
                    latest is null ? 0 : Engagement.Interactions(latest), latest?.Views ?? 0, observations.Count, row.Comments, row.Flagged);
                dayTotals.Move(old?.Day, current);
            }

            if (contentChanged.Contains(id))
            {
                WriteLinks(id, row);
            }

            for (var a = 0; a < values.Length; a++)
            {
                var moved = old is null || old.Published != row.PublishedAt;
                if (!moved && Equals(old!.Values[a], values[a]))
                {
                    continue;
                }

                if (old is { Published: { } oldPublished } && old.Values[a] is not null)
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
                stale.Mark(channel, kind, published, itemId);
            }
        }
        else
        {
            foreach (var (channel, kind, published, itemId, age) in ripples)
            {
                AddFollowers(channel, kind, published, itemId, age);
            }
        }

        Rescore();
    }

    private void Upsert(SummaryFacts.ItemRow row, int observations, Observation? latest, double?[] values, (long Negative, long Toxic)? mood)
    {
        // Without the mood columns while migration 4 backfills, before migration 10 adds them.
        var upsert = statements.Raw(mood is null
            ? """
              INSERT INTO item_summary (item_id, seq, station_id, channel_id, platform, kind, url, title, published_at, collected_at, at,
                  observations, comments, flagged, latest_at, engagement, views, value_1h, value_24h, value_7d)
              VALUES ($id, $seq, $station, $channel, $platform, $kind, $url, $title, $published, $collected, $at,
                  $observations, $comments, $flagged, $latest, $engagement, $views, $v0, $v1, $v2)
              ON CONFLICT (item_id) DO UPDATE SET url = excluded.url, title = excluded.title, published_at = excluded.published_at, at = excluded.at,
                  observations = excluded.observations, comments = excluded.comments, flagged = excluded.flagged, latest_at = excluded.latest_at,
                  engagement = excluded.engagement, views = excluded.views, value_1h = excluded.value_1h, value_24h = excluded.value_24h, value_7d = excluded.value_7d
              """
            : """
              INSERT INTO item_summary (item_id, seq, station_id, channel_id, platform, kind, url, title, published_at, collected_at, at,
                  observations, comments, flagged, latest_at, engagement, views, value_1h, value_24h, value_7d, negative_comments, toxic_comments)
              VALUES ($id, $seq, $station, $channel, $platform, $kind, $url, $title, $published, $collected, $at,
                  $observations, $comments, $flagged, $latest, $engagement, $views, $v0, $v1, $v2, $negative, $toxic)
              ON CONFLICT (item_id) DO UPDATE SET url = excluded.url, title = excluded.title, published_at = excluded.published_at, at = excluded.at,
                  observations = excluded.observations, comments = excluded.comments, flagged = excluded.flagged, latest_at = excluded.latest_at,
                  engagement = excluded.engagement, views = excluded.views, value_1h = excluded.value_1h, value_24h = excluded.value_24h, value_7d = excluded.value_7d,
                  negative_comments = excluded.negative_comments, toxic_comments = excluded.toxic_comments
              """)
            .Bind("$id", row.Id)
            .Bind("$seq", row.Seq)
            .Bind("$station", row.StationId)
            .Bind("$channel", row.ChannelId)
            .Bind("$platform", row.Platform)
            .Bind("$kind", row.Kind)
            .Bind("$url", row.Url)
            .Bind("$title", row.Title)
            .Bind("$published", row.PublishedAt)
            .Bind("$collected", row.CollectedAt)
            .Bind("$at", row.PublishedAt ?? row.CollectedAt)
            .Bind("$observations", observations)
            .Bind("$comments", row.Comments)
            .Bind("$flagged", row.Flagged)
            .Bind("$latest", latest is null ? null : SqliteTime.Write(latest.ObservedAt))
            .Bind("$engagement", latest is null ? 0 : Engagement.Interactions(latest))
            .Bind("$views", latest?.Views);
        for (var a = 0; a < values.Length; a++)
        {
            upsert.Bind(ValueParameters[a], values[a]);
        }

        if (mood is { } counts)
        {
            upsert.Bind("$negative", counts.Negative).Bind("$toxic", counts.Toxic);
        }

        upsert.Execute();
    }

    private void WriteLinks(string id, SummaryFacts.ItemRow row)
    {
        statements.Raw("DELETE FROM item_links WHERE item_id = $id").Bind("$id", id).Execute();
        foreach (var key in StoryUrl.KeysOf(row.Url, row.Title, row.Body))
        {
            statements.Raw("INSERT OR IGNORE INTO item_links (link, item_id) VALUES ($link, $id)").Bind("$link", key).Bind("$id", id).Execute();
        }
    }

    /// <summary>The items whose baseline at <paramref name="age"/> includes the position (published, id): the next ones with a value.</summary>
    private void AddFollowers(string channel, string kind, string published, string itemId, int age)
    {
        var column = "value_" + AgeColumns[age];
        var read = statements.Raw($"""
            SELECT item_id FROM item_summary
            WHERE channel_id = $channel AND kind = $kind AND (published_at, item_id) > ($published, $id) AND {column} IS NOT NULL
            ORDER BY published_at, item_id LIMIT {Overperformance.BaselineSize}
            """).Bind("$channel", channel).Bind("$kind", kind).Bind("$published", published).Bind("$id", itemId);
        while (read.Read())
        {
            rescore.Add((read.GetString(0), age));
        }
    }

    private void Rescore()
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (itemId, age) in rescore)
        {
            var column = AgeColumns[age];
            double? score = null;
            var own = statements.Raw($"SELECT channel_id, kind, published_at, value_{column} FROM item_summary WHERE item_id = $id").Bind("$id", itemId);
            (string Channel, string Kind, string Published, double Value)? position = null;
            if (own.Read())
            {
                if (!own.IsNull(2) && !own.IsNull(3))
                {
                    position = (own.GetString(0), own.GetString(1), own.GetString(2), own.GetDouble(3));
                }

                own.Start();
            }

            if (position is { } p)
            {
                score = SqliteStaleScores.Score(SqliteStaleScores.ReadBaseline(statements, p.Channel, p.Kind, p.Published, itemId, age), p.Value);
            }

            statements.Raw($"UPDATE item_summary SET score_{column} = $score WHERE item_id = $id").Bind("$score", score).Bind("$id", itemId).Execute();
            touched.Add(itemId);
        }

        foreach (var itemId in touched)
        {
            statements.Raw("UPDATE item_summary SET best_score = COALESCE(score_7d, score_24h, score_1h) WHERE item_id = $id").Bind("$id", itemId).Execute();
        }

        rescore.Clear();
    }
}
