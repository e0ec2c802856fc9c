using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Collection.Social;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// The social collectors' bookkeeping (<see cref="IObservationState"/>) and follower counts
/// (<see cref="IFollowerCounts"/>) in the <c>social_*</c> tables of the store's SQLite file, created by
/// the store's migrations.
/// </summary>
internal sealed class SqliteObservationState(string path, Alerts.AlertSetup? alerts = null, TimeProvider? clock = null) : IObservationState, IFollowerCounts, IDisposable
{
    private readonly SqliteStateFile file = new(path);

    public void Dispose() => file.Dispose();

    public async Task<SocialItemState?> GetItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM social_items WHERE item_id = $id";
        command.Parameters.AddWithValue("$id", itemId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadState(reader) : null;
    }

    public async Task<IReadOnlyList<SocialItemState>> GetDueAsync(string channelId, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT * FROM social_items
            WHERE channel_id = $channel AND gone = 0 AND next_due_at IS NOT NULL AND next_due_at <= $now
            ORDER BY next_due_at LIMIT $limit
            """;
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$now", Format(now));
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<SocialItemState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadState(reader));
        }

        return result;
    }

    public async Task MarkObservedAsync(
        string itemId, string channelId, string nativeId, DateTimeOffset publishedAt, DateTimeOffset observedAt,
        DateTimeOffset? nextDueAt, long? commentCount, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO social_items (item_id, channel_id, native_id, published_at, last_observed_at, next_due_at, observation_count, last_comment_count, gone)
            VALUES ($id, $channel, $native, $published, $observed, $next, 1, $comments, 0)
            ON CONFLICT(item_id) DO UPDATE SET
              last_observed_at = excluded.last_observed_at,
              next_due_at = excluded.next_due_at,
              observation_count = social_items.observation_count + 1,
              last_comment_count = COALESCE(excluded.last_comment_count, social_items.last_comment_count),
              gone = 0
            """;
        command.Parameters.AddWithValue("$id", itemId);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$native", nativeId);
        command.Parameters.AddWithValue("$published", Format(publishedAt));
        command.Parameters.AddWithValue("$observed", Format(observedAt));
        command.Parameters.AddWithValue("$next", nextDueAt is { } next ? Format(next) : DBNull.Value);
        command.Parameters.AddWithValue("$comments", commentCount is { } c ? c : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks the item gone and, in the same transaction, raises <c>removed-after-flag</c> when it or its comments were flagged.</summary>
    public async Task MarkGoneAsync(string itemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        await using var statements = new SqliteStatements(connection, transaction);
        var command = statements.Get("UPDATE social_items SET gone = 1, next_due_at = NULL WHERE item_id = $id AND gone = 0");
        command.Parameters.AddWithValue("$id", itemId);
        var newlyGone = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        if (newlyGone && alerts is not null)
        {
            var sql = new SqliteAlerts(statements);
            var changes = await alerts.Detector.DetectRemovedAsync(itemId, sql, cancellationToken);
            await sql.WriteAsync(changes, alerts, (clock ?? TimeProvider.System).GetUtcNow(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<(DateTimeOffset Until, string Reason)?> GetBackoffAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT until, reason FROM social_backoff WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Parse(reader.GetString(0)), reader.GetString(1)) : null;
    }

    public async Task SetBackoffAsync(string key, DateTimeOffset until, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO social_backoff (key, until, reason) VALUES ($key, $until, $reason)
            ON CONFLICT(key) DO UPDATE SET until = excluded.until, reason = excluded.reason
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$until", Format(until));
        command.Parameters.AddWithValue("$reason", reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> AddQuotaUnitsAsync(string quotaKey, string day, int units, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO social_quota (quota_key, day, units) VALUES ($key, $day, $units)
            ON CONFLICT(quota_key, day) DO UPDATE SET units = social_quota.units + excluded.units
            RETURNING units
            """;
        command.Parameters.AddWithValue("$key", quotaKey);
        command.Parameters.AddWithValue("$day", day);
        command.Parameters.AddWithValue("$units", units);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<long> GetQuotaUnitsAsync(string quotaKey, string day, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT units FROM social_quota WHERE quota_key = $key AND day = $day";
        command.Parameters.AddWithValue("$key", quotaKey);
        command.Parameters.AddWithValue("$day", day);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public async Task RecordAsync(string channelId, DateTimeOffset observedAt, long followers, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO social_followers (channel_id, observed_at, followers) VALUES ($channel, $at, $followers)
            """;
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$at", Format(observedAt));
        command.Parameters.AddWithValue("$followers", followers);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => file.OpenAsync(cancellationToken);

    private static SocialItemState ReadState(SqliteDataReader reader) => new(
        reader.GetString(reader.GetOrdinal("item_id")),
        reader.GetString(reader.GetOrdinal("channel_id")),
        reader.GetString(reader.GetOrdinal("native_id")),
        Parse(reader.GetString(reader.GetOrdinal("published_at"))),
        reader.IsDBNull(reader.GetOrdinal("last_observed_at")) ? null : Parse(reader.GetString(reader.GetOrdinal("last_observed_at"))),
        reader.IsDBNull(reader.GetOrdinal("next_due_at")) ? null : Parse(reader.GetString(reader.GetOrdinal("next_due_at"))),
        reader.GetInt32(reader.GetOrdinal("observation_count")),
        reader.IsDBNull(reader.GetOrdinal("last_comment_count")) ? null : reader.GetInt64(reader.GetOrdinal("last_comment_count")),
        reader.GetInt64(reader.GetOrdinal("gone")) != 0);

    // Fixed-width UTC text sorts in time order, so due queries compare strings.
    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
