using System.Data;
using System.Text;
using Microsoft.Data.Sqlite;
using Monitor.Domain;
using Monitor.Triage;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// The triage inbox on <c>flag_triage</c> and <c>flag_audit</c>: a flag's row is written in the save
/// that stores the flag (snapshot from the rows that save just wrote), read through the indexes on
/// (station, status, raised time), and changed only together with its audit entry in one transaction.
/// </summary>
internal sealed partial class SqliteContentStore : IFlagInbox
{
    private const string TriageColumns =
        "t.flag_id, t.target_id, t.target_kind, t.item_id, t.station_id, t.platform, t.source, t.severity, t.reason, t.score, t.title, t.url, t.raised_at, t.status, t.outcome, t.assignee, t.updated_at";

    public Task<FlagPage> ListAsync(FlagFilter filter, int limit, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var after = FlagCursor.Parse(cursor);
        return QueryStoreAsync(async connection =>
        {
            var flags = new List<FlagSummary>();
            await using (var command = connection.CreateCommand())
            {
                var where = TriageWhere(command, filter, withStatus: true);
                if (after is not null)
                {
                    where += " AND (t.raised_at, t.flag_id) < ($after_at, $after_id)";
                    command.Parameters.AddWithValue("$after_at", SqliteTime.Write(after.RaisedAt));
                    command.Parameters.AddWithValue("$after_id", after.FlagId);
                }

                command.CommandText = $"SELECT {TriageColumns} FROM flag_triage t WHERE {where} ORDER BY t.raised_at DESC, t.flag_id DESC LIMIT $limit";
                command.Parameters.AddWithValue("$limit", limit + 1);
                flags.AddRange(await ReadAllAsync(command, ReadFlagSummary, cancellationToken));
            }

            var counts = TriageNames.AllStatuses.ToDictionary(s => s, _ => 0L);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = FlagCountsSql(command, filter);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    counts[TriageNames.ParseStatus(reader.GetString(0))] = reader.GetInt64(1);
                }
            }

            var more = flags.Count > limit;
            var page = more ? flags[..limit] : flags;
            return new FlagPage(page, counts, more ? FlagCursor.After(page[^1]).ToString() : null);
        }, cancellationToken);
    }

    public Task<FlagDetail?> GetAsync(string flagId, CancellationToken cancellationToken = default) =>
        QueryStoreAsync(async connection =>
        {
            FlagSummary? summary = null;
            string? snapshot = null;
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT {TriageColumns}, s.snapshot FROM flag_triage t JOIN flag_snapshots s ON s.flag_id = t.flag_id WHERE t.flag_id = $id";
                command.Parameters.AddWithValue("$id", flagId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    summary = ReadFlagSummary(reader);
                    snapshot = reader.GetString(17);
                }
            }

            if (summary is null)
            {
                return null;
            }

            await using var audit = connection.CreateCommand();
            audit.CommandText = "SELECT seq, at, actor, action, from_status, to_status, assignee, outcome, note FROM flag_audit WHERE flag_id = $id ORDER BY seq";
            audit.Parameters.AddWithValue("$id", flagId);
            return new FlagDetail(summary, FlagSnapshots.FromJson(snapshot!), await ReadAllAsync(audit, ReadAuditEntry, cancellationToken));
        }, cancellationToken);

    public async Task<FlagSummary> ApplyAsync(string flagId, TriageAction action, string actor, CancellationToken cancellationToken = default)
    {
        var result = await ApplyAsync([flagId], action, actor, cancellationToken);
        return result.Refused.Count > 0 ? throw new TriageRefusedException(result.Refused[0]) : result.Applied[0];
    }

    public async Task<BulkTriageResult> ApplyAsync(IReadOnlyCollection<string> flagIds, TriageAction action, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flagIds);
        ArgumentNullException.ThrowIfNull(action);
        await using var connection = await file.OpenAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            await using var statements = new SqliteStatements(connection, transaction);
            var now = SqliteTime.Write(FlagSnapshots.ToMilliseconds(clock.GetUtcNow()));
            var applied = new List<string>();
            var refused = new List<TriageRefusal>();
            foreach (var flagId in flagIds.Distinct(StringComparer.Ordinal))
            {
                var refusal = await ApplyOneAsync(statements, flagId, action, actor, now, cancellationToken);
                if (refusal is null)
                {
                    applied.Add(flagId);
                }
                else
                {
                    refused.Add(refusal);
                }
            }

            var summaries = new List<FlagSummary>(applied.Count);
            foreach (var flagId in applied)
            {
                var read = statements.Get($"SELECT {TriageColumns} FROM flag_triage t WHERE t.flag_id = $id");
                read.Parameters.AddWithValue("$id", flagId);
                summaries.AddRange(await ReadAllAsync(read, ReadFlagSummary, cancellationToken));
            }

            await transaction.CommitAsync(cancellationToken);
            return new BulkTriageResult(summaries, refused);
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }

    private static async Task<TriageRefusal?> ApplyOneAsync(SqliteStatements statements, string flagId, TriageAction action, string actor, string now, CancellationToken cancellationToken)
    {
        TriageState? current = null;
        var find = statements.Get("SELECT status, assignee, outcome FROM flag_triage WHERE flag_id = $id");
        find.Parameters.AddWithValue("$id", flagId);
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                current = new TriageState(
                    TriageNames.ParseStatus(reader.GetString(0)),
                    NullableString(reader, 1),
                    reader.IsDBNull(2) ? null : TriageNames.ParseOutcome(reader.GetString(2)));
            }
        }

        if (current is null)
        {
            return FlagTransitions.NotFound(flagId, action.Kind);
        }

        var (next, refusal) = FlagTransitions.Apply(flagId, current, action, actor);
        if (next is null)
        {
            return refusal;
        }

        var update = statements.Get("UPDATE flag_triage SET status = $status, assignee = $assignee, outcome = $outcome, updated_at = $now WHERE flag_id = $id");
        update.Parameters.AddWithValue("$id", flagId);
        update.Parameters.AddWithValue("$status", next.Status.ToWire());
        update.Parameters.AddWithValue("$assignee", (object?)next.Assignee ?? DBNull.Value);
        update.Parameters.AddWithValue("$outcome", (object?)next.Outcome?.ToWire() ?? DBNull.Value);
        update.Parameters.AddWithValue("$now", now);
        await update.ExecuteNonQueryAsync(cancellationToken);

        var audit = statements.Get("""
            INSERT INTO flag_audit (flag_id, seq, at, actor, action, from_status, to_status, assignee, outcome, note)
            VALUES ($id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM flag_audit WHERE flag_id = $id), $now, $actor, $action, $from, $to, $assignee, $outcome, $note)
            """);
        audit.Parameters.AddWithValue("$id", flagId);
        audit.Parameters.AddWithValue("$now", now);
        audit.Parameters.AddWithValue("$actor", actor.Trim());
        audit.Parameters.AddWithValue("$action", action.Kind.ToWire());
        audit.Parameters.AddWithValue("$from", current.Status.ToWire());
        audit.Parameters.AddWithValue("$to", next.Status.ToWire());
        audit.Parameters.AddWithValue("$assignee", (object?)next.Assignee ?? DBNull.Value);
        audit.Parameters.AddWithValue("$outcome", (object?)next.Outcome?.ToWire() ?? DBNull.Value);
        audit.Parameters.AddWithValue("$note", string.IsNullOrWhiteSpace(action.Note) ? DBNull.Value : action.Note.Trim());
        await audit.ExecuteNonQueryAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// The triage row and first audit entry of a flag this save stored for the first time, its
    /// snapshot read from the rows the same save has just written (or held from before). Returns the
    /// item the flagged target belongs to (none for a comment that is not stored).
    /// </summary>
    private static string? RecordRaisedFlag(SqliteStatements statements, Flag flag)
    {
        var comment = flag.TargetKind == TargetKind.Comment
            ? ReadFirst(statements.Raw($"SELECT {CommentColumns} FROM comments WHERE id = $id").Bind("$id", flag.TargetId), ReadComment)
            : null;
        var itemId = flag.TargetKind == TargetKind.Comment ? comment?.ItemId : flag.TargetId;
        var item = ReadFirst(statements.Raw($"SELECT {ItemColumns} FROM items WHERE id = $id").Bind("$id", itemId ?? string.Empty), ReadItem);
        var latest = ReadFirst(
            statements.Raw($"SELECT {ObservationColumns} FROM observations WHERE item_id = $id ORDER BY observed_at DESC LIMIT 1").Bind("$id", itemId ?? string.Empty),
            ReadObservation);
        var assessments = new List<Assessment>();
        var findScores = statements.Raw("SELECT target_id, target_kind, task, label, probability, model_version FROM assessments WHERE target_id = $id ORDER BY rowid").Bind("$id", flag.TargetId);
        while (findScores.Read())
        {
            assessments.Add(new Assessment(
                findScores.GetString(0), TargetKindNames.FromWire(findScores.GetString(1)),
                findScores.GetString(2), findScores.GetString(3), findScores.GetDouble(4), findScores.GetString(5)));
        }

        var snapshot = FlagSnapshots.Build(flag, item, comment, latest, assessments);
        var flagId = FlagIds.Of(flag);
        var raised = SqliteTime.Write(snapshot.RaisedAt);
        var inserted = statements.Raw("""
            INSERT OR IGNORE INTO flag_triage (flag_id, target_id, target_kind, item_id, station_id, channel_id, platform, source, severity, reason, score,
                title, url, raised_at, status, outcome, assignee, updated_at)
            VALUES ($id, $target, $kind, $item, $station, $channel, $platform, $source, $severity, $reason, $score, $title, $url, $raised, 'open', NULL, NULL, $raised)
            """)
            .Bind("$id", flagId)
            .Bind("$target", flag.TargetId)
            .Bind("$kind", flag.TargetKind.ToWire())
            .Bind("$item", snapshot.ItemId)
            .Bind("$station", snapshot.StationId)
            .Bind("$channel", snapshot.ChannelId)
            .Bind("$platform", snapshot.Platform?.ToWire())
            .Bind("$source", flag.Source)
            .Bind("$severity", flag.Severity)
            .Bind("$reason", flag.Reason)
            .Bind("$score", flag.Score)
            .Bind("$title", snapshot.Title)
            .Bind("$url", snapshot.Url)
            .Bind("$raised", raised)
            .Execute();
        if (inserted == 0)
        {
            return itemId;
        }

        statements.Raw("INSERT OR REPLACE INTO flag_snapshots (flag_id, snapshot) VALUES ($id, $snapshot)").Bind("$id", flagId).Bind("$snapshot", FlagSnapshots.ToJson(snapshot)).Execute();
        statements.Raw("INSERT INTO flag_audit (flag_id, seq, at, actor, action, from_status, to_status) VALUES ($id, 1, $raised, 'system', 'raise', NULL, 'open')")
            .Bind("$id", flagId).Bind("$raised", raised).Execute();
        return itemId;
    }

    /// <summary>Keeps a comment's folded text in <c>comments_fts</c> (same rowid as the comment).</summary>
    private static void IndexComment(SqliteStatements statements, long rowId, string text, bool reindex)
    {
        if (reindex)
        {
            statements.Raw("DELETE FROM comments_fts WHERE rowid = $row").Bind("$row", rowId).Execute();
        }

        statements.Raw("INSERT INTO comments_fts (rowid, text) VALUES ($row, $text)").Bind("$row", rowId).Bind("$text", SearchFolding.Fold(text)).Execute();
    }

    /// <summary>The inbox filter as a WHERE clause over <c>flag_triage t</c>; the status part only when asked (counts go without it).</summary>
    private static string TriageWhere(SqliteCommand command, FlagFilter filter, bool withStatus)
    {
        var where = new StringBuilder("1 = 1");
        if (filter.Stations is { } stations)
        {
            where.Append(stations.Count == 0 ? " AND 0 = 1" : $" AND t.station_id IN ({InList(command, "$st", stations)})");
        }

        void Equal(string column, string name, string? value)
        {
            if (value is not null)
            {
                where.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND t.{column} = {name}");
                command.Parameters.AddWithValue(name, value);
            }
        }

        Equal("platform", "$platform", filter.Platform?.ToWire());
        Equal("source", "$source", filter.Source);
        Equal("severity", "$severity", filter.Severity);
        Equal("assignee", "$assignee", filter.Assignee);
        Equal("item_id", "$item", filter.ItemId);
        if (filter.From is { } from)
        {
            where.Append(" AND t.raised_at >= $from");
            command.Parameters.AddWithValue("$from", SqliteTime.Write(from));
        }

        if (filter.To is { } to)
        {
            where.Append(" AND t.raised_at < $to");
            command.Parameters.AddWithValue("$to", SqliteTime.Write(to));
        }

        if (withStatus && filter.Statuses is { } statuses)
        {
            where.Append(statuses.Count == 0 ? " AND 0 = 1" : $" AND t.status IN ({InList(command, "$status", statuses.Select(s => s.ToWire()).Distinct())})");
        }

        return where.ToString();
    }

    private static FlagSummary ReadFlagSummary(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        TargetKindNames.FromWire(reader.GetString(2)),
        reader.GetString(3),
        NullableString(reader, 4),
        reader.IsDBNull(5) ? null : ReadPlatform(reader.GetString(5)),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetDouble(9),
        NullableString(reader, 10),
        NullableString(reader, 11),
        SqliteTime.Read(reader.GetString(12)),
        TriageNames.ParseStatus(reader.GetString(13)),
        reader.IsDBNull(14) ? null : TriageNames.ParseOutcome(reader.GetString(14)),
        NullableString(reader, 15),
        SqliteTime.Read(reader.GetString(16)));

    private static AuditEntry ReadAuditEntry(SqliteDataReader reader) => ReadAuditEntry(reader, 0);

    private static AuditEntry ReadAuditEntry(SqliteDataReader reader, int first) => new(
        reader.GetInt32(first),
        SqliteTime.Read(reader.GetString(first + 1)),
        reader.GetString(first + 2),
        TriageNames.ParseAction(reader.GetString(first + 3)),
        reader.IsDBNull(first + 4) ? null : TriageNames.ParseStatus(reader.GetString(first + 4)),
        TriageNames.ParseStatus(reader.GetString(first + 5)),
        NullableString(reader, first + 6),
        reader.IsDBNull(first + 7) ? null : TriageNames.ParseOutcome(reader.GetString(first + 7)),
        NullableString(reader, first + 8));
}
