using System.Data;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitor.Alerts;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Outbox;
using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Storage.Sqlite;

/// <summary>The alert outbox: detection inside each save, the source-run record, and the dispatcher's reads and marks.</summary>
internal sealed partial class SqliteContentStore : IAlertOutbox
{
    private const string AlertColumns = "id, key, kind, target_id, station_id, channel_id, item_id, summary, numbers, evidence, opened_at, updated_at, closed_at";
    private const string DeliveryColumns = "id, alert_id, idempotency_key, recipient_id, channel, address, due_at, status, attempts, next_attempt_at, last_error, sent_at";

    private async Task RaiseAlertsAsync(SqliteStatements statements, ContentBatch batch, IReadOnlyCollection<string> touched, IReadOnlyList<Comment> newComments, CancellationToken cancellationToken)
    {
        var sql = new SqliteAlerts(statements);
        var now = clock.GetUtcNow();
        await sql.TallyAsync(newComments, batch.Flags, now, cancellationToken);
        var changes = await alerts!.Detector.DetectAsync(new SavedContent(touched, newComments, batch.Flags), sql, cancellationToken);
        if (!changes.IsEmpty)
        {
            await sql.WriteAsync(changes, alerts, now, cancellationToken);
        }
    }

    public async Task<AlertChanges> RecordSourceRunAsync(string stationId, string channelId, bool succeeded, string? problem, CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            await using var statements = new SqliteStatements(connection, transaction);
            var now = clock.GetUtcNow();
            var record = statements.Get("""
                INSERT INTO source_health (channel_id, station_id, consecutive_failures, last_error, last_run_at) VALUES ($channel, $station, $failed, $error, $now)
                ON CONFLICT (channel_id) DO UPDATE SET station_id = excluded.station_id, last_error = excluded.last_error, last_run_at = excluded.last_run_at,
                    consecutive_failures = CASE WHEN excluded.consecutive_failures = 0 THEN 0 ELSE consecutive_failures + 1 END
                RETURNING consecutive_failures
                """);
            record.Parameters.AddWithValue("$channel", channelId);
            record.Parameters.AddWithValue("$station", stationId);
            record.Parameters.AddWithValue("$failed", succeeded ? 0 : 1);
            record.Parameters.AddWithValue("$error", (object?)problem ?? DBNull.Value);
            record.Parameters.AddWithValue("$now", SqliteTime.Write(now));
            var failures = Convert.ToInt32(await record.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            var changes = AlertChanges.None;
            if (alerts is not null)
            {
                var sql = new SqliteAlerts(statements);
                changes = await alerts.Detector.DetectSourceAsync(new SourceRun(stationId, channelId, succeeded, problem, failures), sql, cancellationToken);
                await sql.WriteAsync(changes, alerts, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return changes;
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }

    public async Task<IReadOnlyList<StoredDelivery>> DueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DeliveryColumns} FROM alert_deliveries INDEXED BY deliveries_due WHERE status = 'pending' AND next_attempt_at <= $now ORDER BY next_attempt_at, id LIMIT $limit";
        command.Parameters.AddWithValue("$now", SqliteTime.Write(now));
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadDeliveriesAsync(command, cancellationToken);
    }

    public async Task<StoredAlert?> GetAlertAsync(long alertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        var found = await ReadAlertsAsync(connection, $"SELECT {AlertColumns} FROM alerts WHERE id = $id", ("$id", alertId), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<StoredAlert>> ListAlertsAsync(bool? open, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        var where = open switch { true => "WHERE closed_at IS NULL", false => "WHERE closed_at IS NOT NULL", _ => string.Empty };
        return await ReadAlertsAsync(connection, $"SELECT {AlertColumns} FROM alerts {where} ORDER BY opened_at DESC, id DESC LIMIT $limit", ("$limit", limit), cancellationToken);
    }

    public async Task<IReadOnlyList<StoredAlert>> ListAlertsPageAsync(bool? open, string? stationId, long? beforeId, int limit, CancellationToken cancellationToken = default)
    {
        // Keyset paging on the primary key, walked backwards: a page costs its own rows, however many alerts are kept.
        var conditions = new List<string>();
        var parameters = new List<(string Name, object Value)> { ("$limit", limit) };
        if (open is { } isOpen)
        {
            conditions.Add(isOpen ? "closed_at IS NULL" : "closed_at IS NOT NULL");
        }

        if (stationId is not null)
        {
            conditions.Add("station_id = $station");
            parameters.Add(("$station", stationId));
        }

        if (beforeId is { } before)
        {
            conditions.Add("id < $before");
            parameters.Add(("$before", before));
        }

        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        await using var connection = await file.OpenAsync(cancellationToken);
        return await ReadAlertsAsync(connection, $"SELECT {AlertColumns} FROM alerts {where} ORDER BY id DESC LIMIT $limit", [.. parameters], cancellationToken);
    }

    public Task MarkSentAsync(IReadOnlyCollection<long> deliveryIds, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateDeliveriesAsync(deliveryIds, "UPDATE alert_deliveries SET status = 'sent', sent_at = $at, attempts = attempts + 1, last_error = NULL WHERE id = $id AND status = 'pending'", c => c.Parameters.AddWithValue("$at", SqliteTime.Write(at)), cancellationToken);

    public Task MarkFailedAsync(IReadOnlyCollection<long> deliveryIds, string problem, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
        UpdateDeliveriesAsync(
            deliveryIds,
            retryAt is null
                ? "UPDATE alert_deliveries SET status = 'failed', attempts = attempts + 1, last_error = $error WHERE id = $id AND status = 'pending'"
                : "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $error, next_attempt_at = $retry WHERE id = $id AND status = 'pending'",
            c =>
            {
                c.Parameters.AddWithValue("$error", problem);
                if (retryAt is { } retry)
                {
                    c.Parameters.AddWithValue("$retry", SqliteTime.Write(retry));
                }
            },
            cancellationToken);

    private async Task UpdateDeliveriesAsync(IReadOnlyCollection<long> ids, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            await using var statements = new SqliteStatements(connection, transaction);
            foreach (var id in ids)
            {
                var command = statements.Get(sql);
                bind(command);
                command.Parameters.AddWithValue("$id", id);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }

    private static Task<List<StoredAlert>> ReadAlertsAsync(SqliteConnection connection, string sql, (string Name, object Value) parameter, CancellationToken cancellationToken) =>
        ReadAlertsAsync(connection, sql, [parameter], cancellationToken);

    private static async Task<List<StoredAlert>> ReadAlertsAsync(SqliteConnection connection, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        var alertsRead = new List<StoredAlert>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!AlertKindNames.TryParse(reader.GetString(2), out var kind))
                {
                    throw new InvalidDataException($"Unknown alert kind '{reader.GetString(2)}' in the store.");
                }

                alertsRead.Add(new StoredAlert(
                    reader.GetInt64(0), reader.GetString(1), kind, reader.GetString(3), reader.GetString(4),
                    NullableString(reader, 5), NullableString(reader, 6), reader.GetString(7),
                    JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(8)) ?? [],
                    JsonSerializer.Deserialize<List<string>>(reader.GetString(9)) ?? [],
                    SqliteTime.Read(reader.GetString(10)), SqliteTime.Read(reader.GetString(11)), SqliteTime.ReadNullable(reader.GetValue(12))));
            }
        }

        for (var i = 0; i < alertsRead.Count; i++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {DeliveryColumns} FROM alert_deliveries WHERE alert_id = $alert ORDER BY id";
            command.Parameters.AddWithValue("$alert", alertsRead[i].Id);
            alertsRead[i] = alertsRead[i] with { Deliveries = await ReadDeliveriesAsync(command, cancellationToken) };
        }

        return alertsRead;
    }

    private static async Task<List<StoredDelivery>> ReadDeliveriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var deliveries = new List<StoredDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new StoredDelivery(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                SqliteTime.Read(reader.GetString(6)), Enum.Parse<DeliveryStatus>(reader.GetString(7), ignoreCase: true), reader.GetInt32(8),
                SqliteTime.Read(reader.GetString(9)), NullableString(reader, 10), SqliteTime.ReadNullable(reader.GetValue(11))));
        }

        return deliveries;
    }
}
