using Microsoft.Data.Sqlite;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Fills the read-side summaries of a store written before they existed, inside the migration's
/// transaction. Items go channel by channel in publication order, so each one's baseline is
/// already summarised when it is scored and nothing is scored twice. Columns later migrations add
/// (day totals, comment mood) are filled by those migrations.
/// </summary>
internal static class SqliteSummaryBackfill
{
    private const int Chunk = 1000;

    public static async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var statements = new SqliteStatements(connection, transaction);
        var summaries = new SqliteItemSummaries(statements, keepDayTotals: false, keepMood: false);
        (string Channel, string Kind, string Published, string Id)? after = null;
        while (true)
        {
            var ids = new List<string>(Chunk);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = after is null
                    ? $"SELECT channel_id, kind, COALESCE(published_at, ''), id FROM items ORDER BY channel_id, kind, COALESCE(published_at, ''), id LIMIT {Chunk}"
                    : $"""
                      SELECT channel_id, kind, COALESCE(published_at, ''), id FROM items
                      WHERE (channel_id, kind, COALESCE(published_at, ''), id) > ($channel, $kind, $published, $id)
                      ORDER BY channel_id, kind, COALESCE(published_at, ''), id LIMIT {Chunk}
                      """;
                if (after is { } a)
                {
                    command.Parameters.AddWithValue("$channel", a.Channel);
                    command.Parameters.AddWithValue("$kind", a.Kind);
                    command.Parameters.AddWithValue("$published", a.Published);
                    command.Parameters.AddWithValue("$id", a.Id);
                }

                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(3));
                    after = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                }
            }

            if (ids.Count == 0)
            {
                break;
            }

            summaries.Refresh(ids, ids.ToHashSet(StringComparer.Ordinal), cancellationToken);
        }

        await using var totals = connection.CreateCommand();
        totals.Transaction = transaction;
        totals.CommandText = """
            INSERT OR REPLACE INTO store_totals (name, value) VALUES
                ('items', (SELECT COUNT(*) FROM items)),
                ('observations', (SELECT COUNT(*) FROM observations)),
                ('comments', (SELECT COUNT(*) FROM comments)),
                ('flagged', (SELECT COUNT(DISTINCT target_id) FROM flags));
            """;
        await totals.ExecuteNonQueryAsync(cancellationToken);
    }
}
