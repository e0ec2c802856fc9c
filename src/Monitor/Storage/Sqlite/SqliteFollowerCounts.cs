using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Domain;

namespace Monitor.Storage.Sqlite;

/// <summary>Follower counts as reports read them: straight from a store file, opened read-only.</summary>
internal static class SqliteFollowerCounts
{
    /// <summary>Every count, by channel and time; an empty list when the file or its table does not exist yet.</summary>
    public static async Task<IReadOnlyList<FollowerCount>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'social_followers'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT channel_id, observed_at, followers FROM social_followers ORDER BY channel_id, observed_at";
        var result = new List<FollowerCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new FollowerCount(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), reader.GetInt64(2)));
        }

        return result;
    }
}
