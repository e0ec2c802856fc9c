using System.Data;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Items are keyed by their deterministic id, so
/// collecting again never adds a row; a changed title/body/date is kept as a new row in
/// <c>item_versions</c>. Observations are append-only. Each <see cref="SaveAsync"/> is one
/// transaction, durable when it returns, together with the batch's checkpoint if it carries one.
/// </summary>
internal sealed class SqliteContentStore(SqliteStoreOptions options, TimeProvider clock) : IContentStore, ICheckpointReader
{
    private readonly SqliteStoreFile file = new(options);

    public string Path => file.Path;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        try
        {
            if (file.ReadOnly)
            {
                var version = await SqliteSchema.ReadVersionAsync(connection, cancellationToken);
                if (version != SqliteSchema.LatestVersion)
                {
                    throw new StoreUnavailableException($"The store file '{Path}' has schema version {version}; this Monitor reads version {SqliteSchema.LatestVersion}. Open it once with `run --once` or `demo` to upgrade it.");
                }

                return;
            }

            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            await SqliteSchema.MigrateAsync(connection, Path, cancellationToken);
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }

    public async Task<SaveResult> SaveAsync(ContentBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = await file.OpenAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            await using var statements = new Statements(connection, transaction);
            var now = SqliteTime.Write(clock.GetUtcNow());
            int added = 0, changed = 0, unchanged = 0;
            foreach (var item in batch.Items)
            {
                switch (await SaveItemAsync(statements, item, now, cancellationToken))
                {
                    case ItemChange.Added: added++; break;
                    case ItemChange.Changed: changed++; break;
                    default: unchanged++; break;
                }
            }

            var observations = 0;
            foreach (var observation in batch.Observations)
            {
                observations += await SaveObservationAsync(statements, observation, cancellationToken);
            }

            var comments = 0;
            foreach (var comment in batch.Comments)
            {
                comments += await SaveCommentAsync(statements, comment, now, cancellationToken);
            }

            foreach (var assessment in batch.Assessments)
            {
                await SaveAssessmentAsync(statements, assessment, cancellationToken);
            }

            var flags = 0;
            foreach (var flag in batch.Flags)
            {
                flags += await SaveFlagAsync(statements, flag, cancellationToken);
            }

            if (batch.Checkpoint is { } checkpoint)
            {
                var keep = statements.Get("""
                    INSERT INTO checkpoints (key, value, updated_at) VALUES ($key, $value, $now)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """);
                keep.Parameters.AddWithValue("$key", checkpoint.Key);
                keep.Parameters.AddWithValue("$value", checkpoint.Value);
                keep.Parameters.AddWithValue("$now", now);
                await keep.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new SaveResult(added, changed, unchanged, observations, comments, flags);
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }

    public async Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        try
        {
            var groups = new Dictionary<(string Station, string Platform), StatsGroup>();
            await using (var reader = await QueryAsync(connection, """
                SELECT station_id, platform, COUNT(*), MIN(published_at), MAX(published_at)
                FROM items GROUP BY station_id, platform
                """, cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var key = (reader.GetString(0), reader.GetString(1));
                    groups[key] = new StatsGroup(key.Item1, key.Item2, reader.GetInt64(2), 0, 0, 0, SqliteTime.ReadNullable(reader.GetValue(3)), SqliteTime.ReadNullable(reader.GetValue(4)));
                }
            }

            await AddCountsAsync(connection, groups, "SELECT i.station_id, i.platform, COUNT(*) FROM observations o JOIN items i ON i.id = o.item_id GROUP BY 1, 2", (g, n) => g with { Observations = n }, cancellationToken);
            await AddCountsAsync(connection, groups, "SELECT i.station_id, i.platform, COUNT(*) FROM comments c JOIN items i ON i.id = c.item_id GROUP BY 1, 2", (g, n) => g with { Comments = n }, cancellationToken);
            await AddCountsAsync(connection, groups, """
                SELECT station_id, platform, COUNT(DISTINCT target_id) FROM (
                    SELECT i.station_id, i.platform, f.target_id FROM flags f JOIN items i ON f.target_kind = 'item' AND i.id = f.target_id
                    UNION ALL
                    SELECT i.station_id, i.platform, f.target_id FROM flags f JOIN comments c ON f.target_kind = 'comment' AND c.id = f.target_id JOIN items i ON i.id = c.item_id)
                GROUP BY 1, 2
                """, (g, n) => g with { Flagged = n }, cancellationToken);

            return new StoreStats(
                await CountAsync(connection, "SELECT COUNT(*) FROM items", cancellationToken),
                await CountAsync(connection, "SELECT COUNT(*) FROM observations", cancellationToken),
                await CountAsync(connection, "SELECT COUNT(*) FROM comments", cancellationToken),
                await CountAsync(connection, "SELECT COUNT(DISTINCT target_id) FROM flags", cancellationToken),
                [.. groups.Values.OrderBy(g => g.Station, StringComparer.Ordinal).ThenBy(g => g.Platform, StringComparer.Ordinal)]);
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }

    public async IAsyncEnumerable<Item> ReadItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var reader = await QueryAsync(connection, $"SELECT {ItemColumns} FROM items ORDER BY rowid", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadItem(reader);
        }
    }

    public async IAsyncEnumerable<Observation> ReadObservationsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var reader = await QueryAsync(connection, "SELECT item_id, observed_at, age_seconds, views, reactions, comments, shares, checkpoint_seconds FROM observations ORDER BY id", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new Observation(
                reader.GetString(0),
                SqliteTime.Read(reader.GetString(1)),
                reader.IsDBNull(2) ? null : TimeSpan.FromSeconds(reader.GetInt64(2)),
                NullableLong(reader, 3),
                NullableLong(reader, 4),
                NullableLong(reader, 5),
                NullableLong(reader, 6))
            {
                Checkpoint = reader.IsDBNull(7) ? null : TimeSpan.FromSeconds(reader.GetInt64(7)),
            };
        }
    }

    public async IAsyncEnumerable<Comment> ReadCommentsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var reader = await QueryAsync(connection, "SELECT id, item_id, platform, parent_id, author, text, published_at, likes FROM comments ORDER BY rowid", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new Comment(
                reader.GetString(0),
                reader.GetString(1),
                ReadPlatform(reader.GetString(2)),
                NullableString(reader, 3),
                NullableString(reader, 4),
                reader.GetString(5),
                SqliteTime.ReadNullable(reader.GetValue(6)),
                NullableLong(reader, 7));
        }
    }

    public async Task<string?> ReadCheckpointAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM checkpoints WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }

    /// <summary>
    /// Full-text search over titles and bodies, insensitive to case and Vietnamese diacritics
    /// (<c>thai nguyen</c> finds <c>Thái Nguyên</c>, <c>dien bien</c> finds <c>Điện Biên</c>); every word must match. Best first.
    /// </summary>
    public async Task<IReadOnlyList<Item>> SearchAsync(string query, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var match = SearchFolding.ToMatchExpression(query);
        if (match is null)
        {
            return [];
        }

        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ItemColumns} FROM items_fts f JOIN items ON items.rowid = f.rowid
            WHERE items_fts MATCH $match ORDER BY bm25(items_fts) LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$limit", limit);
        var results = new List<Item>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(ReadItem(reader));
        }

        return results;
    }

    /// <summary>How many versions of an item are kept (1 when its content never changed; 0 when unknown).</summary>
    public async Task<int> CountVersionsAsync(string itemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM item_versions WHERE item_id = $id";
        command.Parameters.AddWithValue("$id", itemId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private enum ItemChange
    {
        Added,
        Changed,
        Unchanged,
    }

    private const string ItemColumns = "items.id, items.station_id, items.channel_id, items.platform, items.kind, items.url, items.title, items.body, items.author, items.category, items.published_at, items.collected_at, items.language";

    private static Item ReadItem(SqliteDataReader reader)
    {
        return new Item(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            ReadPlatform(reader.GetString(3)),
            Enum.Parse<ItemKind>(reader.GetString(4), ignoreCase: true),
            reader.GetString(5),
            reader.GetString(6),
            NullableString(reader, 7),
            NullableString(reader, 8),
            NullableString(reader, 9),
            SqliteTime.ReadNullable(reader.GetValue(10)),
            SqliteTime.Read(reader.GetString(11)),
            reader.GetString(12));
    }

    private static async Task<ItemChange> SaveItemAsync(Statements statements, Item item, string now, CancellationToken cancellationToken)
    {
        var hash = ContentHash(item);
        long? rowId = null;
        string? storedHash = null;
        long version = 0;
        var find = statements.Get("SELECT rowid, content_hash, version FROM items WHERE id = $id");
        {
            find.Parameters.AddWithValue("$id", item.Id);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                rowId = reader.GetInt64(0);
                storedHash = reader.GetString(1);
                version = reader.GetInt64(2);
            }
        }

        if (storedHash == hash)
        {
            return ItemChange.Unchanged;
        }

        version++;
        if (rowId is null)
        {
            var insert = statements.Get("""
                INSERT INTO items (id, station_id, channel_id, platform, kind, url, title, body, author, category, published_at, collected_at, language, content_hash, version, updated_at)
                VALUES ($id, $station, $channel, $platform, $kind, $url, $title, $body, $author, $category, $published, $collected, $language, $hash, 1, $now)
                RETURNING rowid
                """);
            AddItemParameters(insert, item, hash, now);
            insert.Parameters.AddWithValue("$station", item.StationId);
            insert.Parameters.AddWithValue("$channel", item.ChannelId);
            insert.Parameters.AddWithValue("$platform", item.Platform.ToWire());
            insert.Parameters.AddWithValue("$kind", item.Kind.ToString().ToLowerInvariant());
            insert.Parameters.AddWithValue("$url", item.Url);
            insert.Parameters.AddWithValue("$collected", SqliteTime.Write(item.CollectedAt));
            insert.Parameters.AddWithValue("$language", item.Language);
            rowId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }
        else
        {
            var update = statements.Get("""
                UPDATE items SET title = $title, body = $body, author = $author, category = $category, published_at = $published,
                    content_hash = $hash, version = $version, updated_at = $now, url = $url
                WHERE id = $id
                """);
            AddItemParameters(update, item, hash, now);
            update.Parameters.AddWithValue("$version", version);
            update.Parameters.AddWithValue("$url", item.Url);
            await update.ExecuteNonQueryAsync(cancellationToken);
            var unindex = statements.Get("DELETE FROM items_fts WHERE rowid = $row");
            unindex.Parameters.AddWithValue("$row", rowId);
            await unindex.ExecuteNonQueryAsync(cancellationToken);
        }

        var keep = statements.Get("""
            INSERT INTO item_versions (item_id, version, title, body, author, category, published_at, content_hash, collected_at)
            VALUES ($id, $version, $title, $body, $author, $category, $published, $hash, $now)
            """);
        {
            AddItemParameters(keep, item, hash, now);
            keep.Parameters.AddWithValue("$version", version);
            await keep.ExecuteNonQueryAsync(cancellationToken);
        }

        var index = statements.Get("INSERT INTO items_fts (rowid, title, body) VALUES ($row, $title, $body)");
        {
            index.Parameters.AddWithValue("$row", rowId);
            index.Parameters.AddWithValue("$title", SearchFolding.Fold(item.Title));
            index.Parameters.AddWithValue("$body", SearchFolding.Fold(item.Body));
            await index.ExecuteNonQueryAsync(cancellationToken);
        }

        return version == 1 ? ItemChange.Added : ItemChange.Changed;
    }

    private static void AddItemParameters(SqliteCommand command, Item item, string hash, string now)
    {
        command.Parameters.AddWithValue("$id", item.Id);
        command.Parameters.AddWithValue("$title", item.Title);
        command.Parameters.AddWithValue("$body", (object?)item.Body ?? DBNull.Value);
        command.Parameters.AddWithValue("$author", (object?)item.Author ?? DBNull.Value);
        command.Parameters.AddWithValue("$category", (object?)item.Category ?? DBNull.Value);
        command.Parameters.AddWithValue("$published", SqliteTime.WriteNullable(item.PublishedAt));
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$now", now);
    }

    private static async Task<int> SaveObservationAsync(Statements statements, Observation observation, CancellationToken cancellationToken)
    {
        var command = statements.Get("""
            INSERT INTO observations (item_id, observed_at, age_seconds, views, reactions, comments, shares, checkpoint_seconds)
            VALUES ($item, $at, $age, $views, $reactions, $comments, $shares, $checkpoint)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue("$checkpoint", observation.Checkpoint is { } checkpoint ? (long)checkpoint.TotalSeconds : DBNull.Value);
        command.Parameters.AddWithValue("$item", observation.ItemId);
        command.Parameters.AddWithValue("$at", SqliteTime.Write(observation.ObservedAt));
        command.Parameters.AddWithValue("$age", observation.Age is { } age ? (long)age.TotalSeconds : DBNull.Value);
        command.Parameters.AddWithValue("$views", (object?)observation.Views ?? DBNull.Value);
        command.Parameters.AddWithValue("$reactions", (object?)observation.Reactions ?? DBNull.Value);
        command.Parameters.AddWithValue("$comments", (object?)observation.Comments ?? DBNull.Value);
        command.Parameters.AddWithValue("$shares", (object?)observation.Shares ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> SaveCommentAsync(Statements statements, Comment comment, string now, CancellationToken cancellationToken)
    {
        // A comment can be edited and its likes grow: keep the latest text and count, count it as new once.
        long known;
        var find = statements.Get("SELECT COUNT(*) FROM comments WHERE id = $id");
        {
            find.Parameters.AddWithValue("$id", comment.Id);
            known = Convert.ToInt64(await find.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var command = statements.Get("""
            INSERT INTO comments (id, item_id, platform, parent_id, author, text, published_at, likes, first_seen_at)
            VALUES ($id, $item, $platform, $parent, $author, $text, $published, $likes, $now)
            ON CONFLICT (id) DO UPDATE SET text = excluded.text, likes = excluded.likes
            """);
        command.Parameters.AddWithValue("$id", comment.Id);
        command.Parameters.AddWithValue("$item", comment.ItemId);
        command.Parameters.AddWithValue("$platform", comment.Platform.ToWire());
        command.Parameters.AddWithValue("$parent", (object?)comment.ParentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$author", (object?)comment.Author ?? DBNull.Value);
        command.Parameters.AddWithValue("$text", comment.Text);
        command.Parameters.AddWithValue("$published", SqliteTime.WriteNullable(comment.PublishedAt));
        command.Parameters.AddWithValue("$likes", (object?)comment.Likes ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return known == 0 ? 1 : 0;
    }

    private static async Task SaveAssessmentAsync(Statements statements, Assessment assessment, CancellationToken cancellationToken)
    {
        var command = statements.Get("""
            INSERT INTO assessments (target_id, target_kind, task, label, probability, model_version)
            VALUES ($target, $kind, $task, $label, $probability, $model)
            ON CONFLICT (target_id, task, model_version) DO UPDATE SET label = excluded.label, probability = excluded.probability
            """);
        command.Parameters.AddWithValue("$target", assessment.TargetId);
        command.Parameters.AddWithValue("$kind", assessment.TargetKind.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$task", assessment.Task);
        command.Parameters.AddWithValue("$label", assessment.Label);
        command.Parameters.AddWithValue("$probability", assessment.Probability);
        command.Parameters.AddWithValue("$model", assessment.ModelVersion);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> SaveFlagAsync(Statements statements, Flag flag, CancellationToken cancellationToken)
    {
        var command = statements.Get("""
            INSERT INTO flags (target_id, target_kind, source, severity, reason, score, evidence, raised_at)
            VALUES ($target, $kind, $source, $severity, $reason, $score, $evidence, $raised)
            ON CONFLICT (target_id, source, reason) DO NOTHING
            """);
        command.Parameters.AddWithValue("$target", flag.TargetId);
        command.Parameters.AddWithValue("$kind", flag.TargetKind.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$source", flag.Source);
        command.Parameters.AddWithValue("$severity", flag.Severity);
        command.Parameters.AddWithValue("$reason", flag.Reason);
        command.Parameters.AddWithValue("$score", (object?)flag.Score ?? DBNull.Value);
        command.Parameters.AddWithValue("$evidence", JsonSerializer.Serialize(flag.Evidence));
        command.Parameters.AddWithValue("$raised", SqliteTime.Write(flag.RaisedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ContentHash(Item item)
    {
        var text = string.Join('\u001f', item.Title, item.Body, item.Author, item.Category, item.PublishedAt is { } p ? SqliteTime.Write(p) : string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// The statements of one save, each prepared once and run for every row of the batch (SQLite
    /// keeps a command's prepared statement while its text stays the same): preparing ~25 statements
    /// per item was most of the cost of a save.
    /// </summary>
    private sealed class Statements(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);

        /// <summary>The statement for <paramref name="sql"/>, its parameters cleared for the next row.</summary>
        public SqliteCommand Get(string sql)
        {
            if (prepared.TryGetValue(sql, out var command))
            {
                command.Parameters.Clear();
                return command;
            }

            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            prepared[sql] = command;
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in prepared.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    private static async Task<SqliteDataReader> QueryAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        // Not disposed here: disposing the command would close the reader handed back.
#pragma warning disable CA2000 // The reader owns the command's lifetime; both go when the connection is disposed.
        var command = connection.CreateCommand();
#pragma warning restore CA2000
        command.CommandText = sql;
        return await command.ExecuteReaderAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AddCountsAsync(
        SqliteConnection connection,
        Dictionary<(string, string), StatsGroup> groups,
        string sql,
        Func<StatsGroup, long, StatsGroup> set,
        CancellationToken cancellationToken)
    {
        await using var reader = await QueryAsync(connection, sql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (groups.TryGetValue(key, out var group))
            {
                groups[key] = set(group, reader.GetInt64(2));
            }
        }
    }

    private static Platform ReadPlatform(string text) =>
        PlatformNames.TryParse(text, out var platform) ? platform : throw new InvalidDataException($"Unknown platform '{text}' in the store.");

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? NullableLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
