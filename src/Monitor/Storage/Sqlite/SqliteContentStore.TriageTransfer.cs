using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Monitor.Domain;
using Monitor.Triage;

namespace Monitor.Storage.Sqlite;

/// <summary>Triage records in and out whole, for <c>migrate</c>.</summary>
internal sealed partial class SqliteContentStore : IFlagTriageTransfer
{
    public async IAsyncEnumerable<FlagDetail> ReadTriageAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int PageSize = 500;
        var after = string.Empty;
        while (true)
        {
            var page = await QueryStoreAsync(async connection =>
            {
                var rows = new List<(FlagSummary Flag, string Snapshot)>();
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = $"SELECT {TriageColumns}, s.snapshot FROM flag_triage t JOIN flag_snapshots s ON s.flag_id = t.flag_id WHERE t.flag_id > $after ORDER BY t.flag_id LIMIT $limit";
                    command.Parameters.AddWithValue("$after", after);
                    command.Parameters.AddWithValue("$limit", PageSize);
                    rows.AddRange(await ReadAllAsync(command, r => (ReadFlagSummary(r), r.GetString(17)), cancellationToken));
                }

                var audits = new Dictionary<string, List<AuditEntry>>(StringComparer.Ordinal);
                if (rows.Count > 0)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT flag_id, seq, at, actor, action, from_status, to_status, assignee, outcome, note FROM flag_audit WHERE flag_id IN ({InList(command, "$f", rows.Select(r => r.Flag.Id))}) ORDER BY flag_id, seq";
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var id = reader.GetString(0);
                        if (!audits.TryGetValue(id, out var list))
                        {
                            audits[id] = list = [];
                        }

                        list.Add(ReadAuditEntry(reader, 1));
                    }
                }

                return rows.Select(r => new FlagDetail(r.Flag, FlagSnapshots.FromJson(r.Snapshot), audits.GetValueOrDefault(r.Flag.Id) ?? [])).ToList();
            }, cancellationToken);

            foreach (var detail in page)
            {
                yield return detail;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Flag.Id;
        }
    }

    public async Task WriteTriageAsync(IReadOnlyList<FlagDetail> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var connection = await file.OpenAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            await using var statements = new SqliteStatements(connection, transaction);
            foreach (var (flag, snapshot, audit) in records)
            {
                var row = statements.Get("""
                    INSERT OR REPLACE INTO flag_triage (flag_id, target_id, target_kind, item_id, station_id, channel_id, platform, source, severity, reason, score,
                        title, url, raised_at, status, outcome, assignee, updated_at)
                    VALUES ($id, $target, $kind, $item, $station, $channel, $platform, $source, $severity, $reason, $score, $title, $url, $raised, $status, $outcome, $assignee, $updated)
                    """);
                row.Parameters.AddWithValue("$id", flag.Id);
                row.Parameters.AddWithValue("$target", flag.TargetId);
                row.Parameters.AddWithValue("$kind", flag.TargetKind.ToWire());
                row.Parameters.AddWithValue("$item", flag.ItemId);
                row.Parameters.AddWithValue("$station", (object?)flag.StationId ?? DBNull.Value);
                row.Parameters.AddWithValue("$channel", (object?)snapshot.ChannelId ?? DBNull.Value);
                row.Parameters.AddWithValue("$platform", (object?)flag.Platform?.ToWire() ?? DBNull.Value);
                row.Parameters.AddWithValue("$source", flag.Source);
                row.Parameters.AddWithValue("$severity", flag.Severity);
                row.Parameters.AddWithValue("$reason", flag.Reason);
                row.Parameters.AddWithValue("$score", (object?)flag.Score ?? DBNull.Value);
                row.Parameters.AddWithValue("$title", (object?)flag.Title ?? DBNull.Value);
                row.Parameters.AddWithValue("$url", (object?)flag.Url ?? DBNull.Value);
                row.Parameters.AddWithValue("$raised", SqliteTime.Write(flag.RaisedAt));
                row.Parameters.AddWithValue("$status", flag.Status.ToWire());
                row.Parameters.AddWithValue("$outcome", (object?)flag.Outcome?.ToWire() ?? DBNull.Value);
                row.Parameters.AddWithValue("$assignee", (object?)flag.Assignee ?? DBNull.Value);
                row.Parameters.AddWithValue("$updated", SqliteTime.Write(flag.UpdatedAt));
                await row.ExecuteNonQueryAsync(cancellationToken);
                var keep = statements.Get("INSERT OR REPLACE INTO flag_snapshots (flag_id, snapshot) VALUES ($id, $snapshot)");
                keep.Parameters.AddWithValue("$id", flag.Id);
                keep.Parameters.AddWithValue("$snapshot", FlagSnapshots.ToJson(snapshot));
                await keep.ExecuteNonQueryAsync(cancellationToken);

                var clear = statements.Get("DELETE FROM flag_audit WHERE flag_id = $id");
                clear.Parameters.AddWithValue("$id", flag.Id);
                await clear.ExecuteNonQueryAsync(cancellationToken);
                foreach (var entry in audit)
                {
                    var insert = statements.Get("""
                        INSERT INTO flag_audit (flag_id, seq, at, actor, action, from_status, to_status, assignee, outcome, note)
                        VALUES ($id, $seq, $at, $actor, $action, $from, $to, $assignee, $outcome, $note)
                        """);
                    insert.Parameters.AddWithValue("$id", flag.Id);
                    insert.Parameters.AddWithValue("$seq", entry.Sequence);
                    insert.Parameters.AddWithValue("$at", SqliteTime.Write(entry.At));
                    insert.Parameters.AddWithValue("$actor", entry.Actor);
                    insert.Parameters.AddWithValue("$action", entry.Action.ToWire());
                    insert.Parameters.AddWithValue("$from", (object?)entry.From?.ToWire() ?? DBNull.Value);
                    insert.Parameters.AddWithValue("$to", entry.To.ToWire());
                    insert.Parameters.AddWithValue("$assignee", (object?)entry.Assignee ?? DBNull.Value);
                    insert.Parameters.AddWithValue("$outcome", (object?)entry.Outcome?.ToWire() ?? DBNull.Value);
                    insert.Parameters.AddWithValue("$note", (object?)entry.Note ?? DBNull.Value);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }
}
