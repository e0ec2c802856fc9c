using System.Data.Common;
using Monitor.Collection.Social;
using Npgsql;

namespace Monitor.Storage.Postgres;

/// <summary>
/// The social collectors' bookkeeping (<see cref="IObservationState"/>) and follower counts
/// (<see cref="IFollowerCounts"/>) shared by every worker of a cluster: one observation plan, one
/// back-off per key (a pause one worker sets holds for all) and one quota count per key and day,
/// added to in a single upsert so concurrent workers never lose a unit.
/// </summary>
internal sealed class PostgresObservationState(NpgsqlDataSource dataSource) : IObservationState, IFollowerCounts
{
    private const string Columns = "item_id, channel_id, native_id, published_at, last_observed_at, next_due_at, observation_count, last_comment_count, gone";

    public async Task<SocialItemState?> GetItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM social_items WHERE item_id = $1");
        command.Parameters.AddWithValue(itemId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadState(reader) : null;
    }

    public async Task<IReadOnlyList<SocialItemState>> GetDueAsync(string channelId, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM social_items
            WHERE channel_id = $1 AND NOT gone AND next_due_at IS NOT NULL AND next_due_at <= $2
            ORDER BY next_due_at LIMIT $3
            """);
        command.Parameters.AddWithValue(channelId);
        command.Parameters.Add(PostgresValues.Nullable(now));
        command.Parameters.AddWithValue(limit);
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
        await using var command = dataSource.CreateCommand("""
            INSERT INTO social_items AS s (item_id, channel_id, native_id, published_at, last_observed_at, next_due_at, observation_count, last_comment_count, gone)
            VALUES ($1, $2, $3, $4, $5, $6, 1, $7, false)
            ON CONFLICT (item_id) DO UPDATE SET
              last_observed_at = excluded.last_observed_at,
              next_due_at = excluded.next_due_at,
              observation_count = s.observation_count + 1,
              last_comment_count = COALESCE(excluded.last_comment_count, s.last_comment_count),
              gone = false
            """);
        command.Parameters.AddWithValue(itemId);
        command.Parameters.AddWithValue(channelId);
        command.Parameters.AddWithValue(nativeId);
        command.Parameters.Add(PostgresValues.Nullable(publishedAt));
        command.Parameters.Add(PostgresValues.Nullable(observedAt));
        command.Parameters.Add(PostgresValues.Nullable(nextDueAt));
        command.Parameters.Add(PostgresValues.Nullable(commentCount));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkGoneAsync(string itemId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE social_items SET gone = true, next_due_at = NULL WHERE item_id = $1");
        command.Parameters.AddWithValue(itemId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(DateTimeOffset Until, string Reason)?> GetBackoffAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT until, reason FROM social_backoff WHERE key = $1");
        command.Parameters.AddWithValue(key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1)) : null;
    }

    public async Task SetBackoffAsync(string key, DateTimeOffset until, string reason, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO social_backoff (key, until, reason) VALUES ($1, $2, $3)
            ON CONFLICT (key) DO UPDATE SET until = excluded.until, reason = excluded.reason
            """);
        command.Parameters.AddWithValue(key);
        command.Parameters.Add(PostgresValues.Nullable(until));
        command.Parameters.AddWithValue(reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> AddQuotaUnitsAsync(string quotaKey, string day, int units, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO social_quota AS q (quota_key, day, units) VALUES ($1, $2, $3)
            ON CONFLICT (quota_key, day) DO UPDATE SET units = q.units + excluded.units
            RETURNING units
            """);
        command.Parameters.AddWithValue(quotaKey);
        command.Parameters.AddWithValue(day);
        command.Parameters.AddWithValue((long)units);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<long> GetQuotaUnitsAsync(string quotaKey, string day, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT units FROM social_quota WHERE quota_key = $1 AND day = $2");
        command.Parameters.AddWithValue(quotaKey);
        command.Parameters.AddWithValue(day);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task RecordAsync(string channelId, DateTimeOffset observedAt, long followers, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO social_followers (channel_id, observed_at, followers) VALUES ($1, $2, $3)
            ON CONFLICT (channel_id, observed_at) DO UPDATE SET followers = excluded.followers
            """);
        command.Parameters.AddWithValue(channelId);
        command.Parameters.Add(PostgresValues.Nullable(observedAt));
        command.Parameters.AddWithValue(followers);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SocialItemState ReadState(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        PostgresValues.Time(reader, 4),
        PostgresValues.Time(reader, 5),
        reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetInt64(7),
        reader.GetBoolean(8));
}
