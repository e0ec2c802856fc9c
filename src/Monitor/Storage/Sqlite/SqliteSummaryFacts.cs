using Monitor.Domain;

namespace Monitor.Storage.Sqlite;

/// <summary>What an item's summary row is built from: its own row and counts, its observations, its comment mood and the summary it has now.</summary>
internal sealed record SummaryFacts(SummaryFacts.ItemRow Row, SummaryFacts.OldSummary? Old, IReadOnlyList<Observation> Observations, (long Negative, long Toxic)? Mood)
{
    internal sealed record ItemRow(long Seq, string Id, string StationId, string ChannelId, string Platform, string Kind, string Url, string Title, string? Body, string? PublishedAt, string CollectedAt, long Comments, long Flagged);

    internal sealed record OldSummary(string? Published, double?[] Values, SqliteDayTotals.Contribution Day);
}

/// <summary>
/// Reads <see cref="SummaryFacts"/> an item at a time, a handful of indexed reads each, through the
/// statements it is given: the save's own, or those of a second connection reading the committed
/// store beside it (<see cref="SqlitePendingSummaries"/>). Without <paramref name="readMood"/> (while
/// migration 4 backfills, before migration 10 adds the mood columns) the mood is left out.
/// </summary>
internal sealed class SqliteSummaryFactReader(SqliteStatements statements, bool readMood = true)
{
    /// <summary>The facts of item <paramref name="id"/>, or null when the item is not stored (observations or comments that came first).</summary>
    public SummaryFacts? Read(string id)
    {
        var row = ReadItem(id);
        if (row is null)
        {
            return null;
        }

        var mood = !readMood ? ((long, long)?)null : row.Comments > 0 ? CountMood(id) : (0, 0);
        return new SummaryFacts(row, ReadOld(id), ReadObservations(id), mood);
    }

    private SummaryFacts.ItemRow? ReadItem(string id)
    {
        var read = statements.Raw("""
            SELECT i.rowid, i.station_id, i.channel_id, i.platform, i.kind, i.url, i.title, i.body, i.published_at, i.collected_at,
                (SELECT COUNT(*) FROM comments WHERE item_id = i.id),
                (SELECT COUNT(*) > 0 FROM flags WHERE target_id = i.id AND target_kind = 'item')
                    + (SELECT COUNT(DISTINCT f.target_id) FROM comments c JOIN flags f ON f.target_id = c.id AND f.target_kind = 'comment' WHERE c.item_id = i.id)
            FROM items i WHERE i.id = $id
            """).Bind("$id", id);
        if (!read.Read())
        {
            return null;
        }

        var row = new SummaryFacts.ItemRow(
            read.GetInt64(0), id, read.GetString(1), read.GetString(2), read.GetString(3), read.GetString(4), read.GetString(5), read.GetString(6),
            read.GetNullableString(7), read.GetNullableString(8), read.GetString(9), read.GetInt64(10), read.GetInt64(11));
        read.Start();
        return row;
    }

    private SummaryFacts.OldSummary? ReadOld(string id)
    {
        var read = statements.Raw("""
            SELECT published_at, value_1h, value_24h, value_7d, station_id, at, platform, channel_id, engagement, COALESCE(views, 0), observations, comments, flagged
            FROM item_summary WHERE item_id = $id
            """).Bind("$id", id);
        if (!read.Read())
        {
            return null;
        }

        var day = new SqliteDayTotals.Contribution(
            read.GetString(4), read.GetString(5), read.GetString(6), read.GetString(7),
            read.GetInt64(8), read.GetInt64(9), read.GetInt64(10), read.GetInt64(11), read.GetInt64(12));
        var old = new SummaryFacts.OldSummary(read.GetNullableString(0), [read.GetNullableDouble(1), read.GetNullableDouble(2), read.GetNullableDouble(3)], day);
        read.Start();
        return old;
    }

    private List<Observation> ReadObservations(string id)
    {
        var read = statements.Raw("SELECT observed_at, age_seconds, views, reactions, comments, shares FROM observations WHERE item_id = $id ORDER BY observed_at").Bind("$id", id);
        var observations = new List<Observation>();
        while (read.Read())
        {
            observations.Add(new Observation(
                id,
                SqliteTime.Read(read.GetString(0)),
                read.GetNullableInt64(1) is { } age ? TimeSpan.FromSeconds(age) : null,
                read.GetNullableInt64(2),
                read.GetNullableInt64(3),
                read.GetNullableInt64(4),
                read.GetNullableInt64(5)));
        }

        return observations;
    }

    /// <summary>The item's comments labelled negative, and offensive or hate, by any model version (the dashboard's comment mood).</summary>
    private (long Negative, long Toxic) CountMood(string id)
    {
        var read = statements.Raw("""
            SELECT
                (SELECT COUNT(*) FROM comments c WHERE c.item_id = $id
                    AND EXISTS (SELECT 1 FROM assessments a WHERE a.target_id = c.id AND a.task = 'sentiment' AND lower(a.label) = 'negative')),
                (SELECT COUNT(*) FROM comments c WHERE c.item_id = $id
                    AND EXISTS (SELECT 1 FROM assessments a WHERE a.target_id = c.id AND a.task = 'toxicity' AND lower(a.label) IN ('offensive', 'hate')))
            """).Bind("$id", id);
        read.Read();
        var mood = (read.GetInt64(0), read.GetInt64(1));
        read.Start();
        return mood;
    }
}
