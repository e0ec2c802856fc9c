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
/// collecting again never adds a row; when a title/body/date changes, the version it replaces is kept
/// in <c>item_versions</c>. Observations are append-only. Each <see cref="SaveAsync"/> is one
/// transaction, durable when it returns.
/// </summary>
internal sealed partial class SqliteContentStore(SqliteStoreOptions options, TimeProvider clock, Alerts.AlertSetup? alerts = null, Microsoft.Extensions.Logging.ILogger? log = null) : IContentStore, ICheckpointReader
{
    private readonly SqliteStoreFile file = new(options);

    // Its own handle on the same file (a field initialiser cannot use the one above; the file holds no state a writer shares).
    private readonly SqliteWalCheckpoints walCheckpoints = new(new SqliteStoreFile(options), options.WalCopyFrames, log);

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
                    throw new StoreUnavailableException($"The store file '{Path}' has schema version {version}; this Monitor reads version {SqliteSchema.LatestVersion}. The commands that write to a store upgrade it when they open it: start `serve --db {Path}` once and stop it with Ctrl+C when it prints the dashboard's address (or let `run` open it).");
                }

                return;
            }

            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            await SqliteSchema.MigrateAsync(connection, Path, log, cancellationToken);
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }

    public async Task<SaveResult> SaveAsync(ContentBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await walCheckpoints.SettleAsync(waitForCopy: !batch.Bulk);
        await using var connection = await file.OpenAsync(cancellationToken);
        try
        {
            if (batch.Bulk)
            {
                // In WAL mode NORMAL still survives a killed process (the commit is in the WAL file); only a
                // power cut can lose the last batches, and their checkpoint goes with them, so the import
                // resumes before them. FULL's fsync per commit had been a third of an import's time.
                // temp_store: a statement that fires triggers or writes full-text rows keeps a statement journal
                // (each page it changes, copied before the change) to undo itself alone on an error. In a file,
                // those copies were 170,000 writes of a 20k-item import, more than the store's own; in memory
                // they cost a copy, and they are only needed while the statement runs (a kill loses nothing).
                // wal_autocheckpoint: none; the WAL is copied back into the file on another thread while the next
                // batch is written (SqliteWalCheckpoints). The WAL is as safe as the file against a kill; the
                // import's last batch (not bulk) sets the default back and its commit checkpoints the whole WAL.
                await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0;", cancellationToken);
            }
            else
            {
                // A pooled connection that wrote an import's batches goes back to the durable defaults, and keeps
                // temporary data in files again: the import's last save sorts whole indexes to build them, and a
                // sort larger than the cache, kept in memory, had grown a 1M-item import's peak by hundreds of MB.
                await ExecuteAsync(connection, "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000; PRAGMA temp_store = DEFAULT;", cancellationToken);
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var now = SqliteTime.Write(clock.GetUtcNow());
            await using var statements = new SqliteStatements(connection, transaction);
            int added = 0, changed = 0, unchanged = 0;
            var touched = new HashSet<string>(StringComparer.Ordinal);
            var contentChanged = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in batch.Items)
            {
                switch (SaveItem(statements, item, now))
                {
                    case ItemChange.Added: added++; contentChanged.Add(item.Id); touched.Add(item.Id); break;
                    case ItemChange.Changed: changed++; contentChanged.Add(item.Id); touched.Add(item.Id); break;
                    default: unchanged++; break;
                }
            }

            var observations = 0;
            foreach (var observation in batch.Observations)
            {
                var stored = SaveObservation(statements, observation);
                observations += stored;
                if (stored > 0)
                {
                    touched.Add(observation.ItemId);
                }
            }

            var comments = 0;
            var newComments = new List<Comment>();
            foreach (var comment in batch.Comments)
            {
                var isNew = SaveComment(statements, comment, now);
                comments += isNew;
                touched.Add(comment.ItemId);
                if (isNew > 0)
                {
                    newComments.Add(comment);
                }
            }

            // A comment's label counts in its item's comment mood: a relabelled comment (a rescore, a late
            // classification) has its item's summary counted again.
            var commentItems = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var comment in batch.Comments)
            {
                commentItems.TryAdd(comment.Id, comment.ItemId);
            }

            foreach (var assessment in batch.Assessments)
            {
                SaveAssessment(statements, assessment);
                if (assessment.TargetKind == TargetKind.Comment
                    && (commentItems.GetValueOrDefault(assessment.TargetId) ?? ItemOfComment(statements, assessment.TargetId)) is { } commentItem)
                {
                    touched.Add(commentItem);
                }
            }

            int flags = 0, flaggedTargets = 0;
            foreach (var flag in batch.Flags)
            {
                var (stored, newTarget, itemId) = SaveFlag(statements, flag);
                flags += stored;
                flaggedTargets += newTarget ? 1 : 0;
                if (stored > 0 && itemId is not null)
                {
                    touched.Add(itemId);
                }
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

            var pending = new SqlitePendingSummaries(statements, file);
            if (batch.Bulk)
            {
                pending.Add(touched, contentChanged);
            }
            else
            {
                // Summaries and scores an import's batches deferred are built now. Detection looks at touched items only
                // for the viral rule, so of the many items those builds reach it gets the ones that rule can fire on.
                Func<double?, double?, bool> mayAlert = alerts is null ? static (_, _) => false : alerts.Detector.MayRaiseViral;
                var built = await pending.RefreshAsync(mayAlert, cancellationToken);
                new SqliteItemSummaries(statements).Refresh(touched, contentChanged, cancellationToken);
                touched.UnionWith(built);
                touched.UnionWith(new SqliteStaleScores(statements).Refresh(mayAlert, cancellationToken));
            }

            await AddTotalsAsync(statements, added, observations, comments, flaggedTargets, cancellationToken);
            if (alerts is not null)
            {
                // A bulk save's items have no summary or score yet: only the comment and flag rules can look at them.
                // In id order, the rules' reads of the items an import leaves (all of them) walk the tables' pages in turn.
                await RaiseAlertsAsync(statements, batch, batch.Bulk ? [] : [.. touched.Order(StringComparer.Ordinal)], newComments, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (batch.Bulk)
            {
                walCheckpoints.AfterBulkCommit();
            }

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
            var groups = new List<StatsGroup>();
            await using (var reader = await QueryAsync(connection, """
                SELECT d.station_id, d.platform, SUM(d.items), SUM(d.observations), SUM(d.comments), SUM(d.flagged),
                    (SELECT MIN(i.published_at) FROM item_summary i INDEXED BY summary_stats WHERE i.station_id = d.station_id AND i.platform = d.platform),
                    (SELECT MAX(i.published_at) FROM item_summary i INDEXED BY summary_stats WHERE i.station_id = d.station_id AND i.platform = d.platform)
                FROM summary_days d GROUP BY d.station_id, d.platform HAVING SUM(d.items) > 0 ORDER BY d.station_id, d.platform
                """, cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    groups.Add(new StatsGroup(
                        reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                        SqliteTime.ReadNullable(reader.GetValue(6)), SqliteTime.ReadNullable(reader.GetValue(7))));
                }
            }

            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            await using (var reader = await QueryAsync(connection, "SELECT name, value FROM store_totals", cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    totals[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            return new StoreStats(
                totals.GetValueOrDefault("items"), totals.GetValueOrDefault("observations"), totals.GetValueOrDefault("comments"), totals.GetValueOrDefault("flagged"),
                [.. groups.OrderBy(g => g.Station, StringComparer.Ordinal).ThenBy(g => g.Platform, StringComparer.Ordinal)]);
        }
        catch (SqliteException exception)
        {
            throw file.Translate(exception);
        }
    }

    public IAsyncEnumerable<Item> ReadItemsAsync(CancellationToken cancellationToken = default) =>
        ReadPagesAsync($"SELECT rowid, {ItemColumns} FROM items WHERE rowid > $after ORDER BY rowid LIMIT $limit", r => ReadItem(r, 1), cancellationToken);

    public IAsyncEnumerable<Observation> ReadObservationsAsync(CancellationToken cancellationToken = default) =>
        ReadPagesAsync($"SELECT id, {ObservationColumns} FROM observations WHERE id > $after ORDER BY id LIMIT $limit", r => ReadObservation(r, 1), cancellationToken);

    public IAsyncEnumerable<Comment> ReadCommentsAsync(CancellationToken cancellationToken = default) =>
        ReadPagesAsync($"SELECT rowid, {CommentColumns} FROM comments WHERE rowid > $after ORDER BY rowid LIMIT $limit", r => ReadComment(r, 1), cancellationToken);

    /// <summary>
    /// Reads a whole table page by page (keyset on the first column), each page on its own short
    /// read, so a long copy never holds a read transaction open against the writer.
    /// </summary>
    private async IAsyncEnumerable<T> ReadPagesAsync<T>(string sql, Func<SqliteDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int PageSize = 1000;
        long after = 0;
        while (true)
        {
            var page = new List<T>(PageSize);
            await using (var connection = await file.OpenAsync(cancellationToken))
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = sql;
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$limit", PageSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    after = reader.GetInt64(0);
                    page.Add(read(reader));
                }
            }

            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }
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

    /// <summary>How many versions of an item are kept (1 when its content never changed; 0 when unknown): the current one in <c>items</c>, those it replaced in <c>item_versions</c>.</summary>
    public async Task<int> CountVersionsAsync(string itemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM items WHERE id = $id) + (SELECT COUNT(*) FROM item_versions WHERE item_id = $id)";
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

    private const string ObservationColumns = "item_id, observed_at, age_seconds, views, reactions, comments, shares, checkpoint_seconds";

    private const string CommentColumns = "id, item_id, platform, parent_id, author, text, published_at, likes";

    private static Item ReadItem(SqliteDataReader reader, int first = 0)
    {
        return new Item(
            reader.GetString(first),
            reader.GetString(first + 1),
            reader.GetString(first + 2),
            ReadPlatform(reader.GetString(first + 3)),
            Enum.Parse<ItemKind>(reader.GetString(first + 4), ignoreCase: true),
            reader.GetString(first + 5),
            reader.GetString(first + 6),
            NullableString(reader, first + 7),
            NullableString(reader, first + 8),
            NullableString(reader, first + 9),
            SqliteTime.ReadNullable(reader.GetValue(first + 10)),
            SqliteTime.Read(reader.GetString(first + 11)),
            reader.GetString(first + 12));
    }

    private static Observation ReadObservation(SqliteDataReader reader, int first = 0) => new(
        reader.GetString(first),
        SqliteTime.Read(reader.GetString(first + 1)),
        reader.IsDBNull(first + 2) ? null : TimeSpan.FromSeconds(reader.GetInt64(first + 2)),
        NullableLong(reader, first + 3),
        NullableLong(reader, first + 4),
        NullableLong(reader, first + 5),
        NullableLong(reader, first + 6))
    {
        Checkpoint = reader.IsDBNull(first + 7) ? null : TimeSpan.FromSeconds(reader.GetInt64(first + 7)),
    };

    private static Comment ReadComment(SqliteDataReader reader, int first = 0) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        ReadPlatform(reader.GetString(first + 2)),
        NullableString(reader, first + 3),
        NullableString(reader, first + 4),
        reader.GetString(first + 5),
        SqliteTime.ReadNullable(reader.GetValue(first + 6)),
        NullableLong(reader, first + 7));

    private static Item ReadItem(SqliteRawStatement row) => new(
        row.GetString(0),
        row.GetString(1),
        row.GetString(2),
        ReadPlatform(row.GetString(3)),
        Enum.Parse<ItemKind>(row.GetString(4), ignoreCase: true),
        row.GetString(5),
        row.GetString(6),
        row.GetNullableString(7),
        row.GetNullableString(8),
        row.GetNullableString(9),
        row.GetNullableString(10) is { } published ? SqliteTime.Read(published) : null,
        SqliteTime.Read(row.GetString(11)),
        row.GetString(12));

    private static Observation ReadObservation(SqliteRawStatement row) => new(
        row.GetString(0),
        SqliteTime.Read(row.GetString(1)),
        row.GetNullableInt64(2) is { } age ? TimeSpan.FromSeconds(age) : null,
        row.GetNullableInt64(3),
        row.GetNullableInt64(4),
        row.GetNullableInt64(5),
        row.GetNullableInt64(6))
    {
        Checkpoint = row.GetNullableInt64(7) is { } checkpoint ? TimeSpan.FromSeconds(checkpoint) : null,
    };

    private static Comment ReadComment(SqliteRawStatement row) => new(
        row.GetString(0),
        row.GetString(1),
        ReadPlatform(row.GetString(2)),
        row.GetNullableString(3),
        row.GetNullableString(4),
        row.GetString(5),
        row.GetNullableString(6) is { } published ? SqliteTime.Read(published) : null,
        row.GetNullableInt64(7));

    /// <summary>The first row of <paramref name="statement"/> read by <paramref name="read"/>, or default when it has none; the statement is left reset.</summary>
    private static T? ReadFirst<T>(SqliteRawStatement statement, Func<SqliteRawStatement, T> read)
    {
        if (!statement.Read())
        {
            return default;
        }

        var value = read(statement);
        statement.Start();
        return value;
    }

    private static ItemChange SaveItem(SqliteStatements statements, Item item, string now)
    {
        var hash = ContentHash(item);
        long rowId;
        long version = 1;

        // Inserted first, looked up only when the id is already there: an import's items are nearly all new,
        // and the lookup before every insert had been a second walk down the same index.
        var insert = statements.Raw("""
            INSERT INTO items (id, station_id, channel_id, platform, kind, url, title, body, author, category, published_at, collected_at, language, content_hash, version, updated_at)
            VALUES ($id, $station, $channel, $platform, $kind, $url, $title, $body, $author, $category, $published, $collected, $language, $hash, 1, $now)
            ON CONFLICT (id) DO NOTHING
            """);
        var added = BindItem(insert, item, hash, now)
            .Bind("$station", item.StationId)
            .Bind("$channel", item.ChannelId)
            .Bind("$platform", item.Platform.ToWire())
            .Bind("$kind", item.Kind.ToString().ToLowerInvariant())
            .Bind("$url", item.Url)
            .Bind("$collected", SqliteTime.Write(item.CollectedAt))
            .Bind("$language", item.Language)
            .Execute();
        if (added > 0)
        {
            rowId = statements.LastInsertRowId;
        }
        else
        {
            var find = statements.Raw("SELECT rowid, content_hash, version FROM items WHERE id = $id").Bind("$id", item.Id);
            find.Read();
            rowId = find.GetInt64(0);
            var storedHash = find.GetString(1);
            version = find.GetInt64(2) + 1;
            find.Start();
            if (storedHash == hash)
            {
                return ItemChange.Unchanged;
            }

            // The version being replaced is kept as it was stored (collected_at: when it was written).
            statements.Raw("""
                INSERT INTO item_versions (item_id, version, title, body, author, category, published_at, content_hash, collected_at)
                SELECT id, version, title, body, author, category, published_at, content_hash, updated_at FROM items WHERE id = $id
                """).Bind("$id", item.Id).Execute();
            var update = statements.Raw("""
                UPDATE items SET title = $title, body = $body, author = $author, category = $category, published_at = $published,
                    content_hash = $hash, version = $version, updated_at = $now, url = $url
                WHERE id = $id
                """);
            BindItem(update, item, hash, now).Bind("$version", version).Bind("$url", item.Url).Execute();
            statements.Raw("DELETE FROM items_fts WHERE rowid = $row").Bind("$row", rowId).Execute();
        }

        statements.Raw("INSERT INTO items_fts (rowid, title, body) VALUES ($row, $title, $body)")
            .Bind("$row", rowId)
            .Bind("$title", SearchFolding.Fold(item.Title))
            .Bind("$body", SearchFolding.Fold(item.Body))
            .Execute();

        return version == 1 ? ItemChange.Added : ItemChange.Changed;
    }

    private static SqliteRawStatement BindItem(SqliteRawStatement statement, Item item, string hash, string now) => statement
        .Bind("$id", item.Id)
        .Bind("$title", item.Title)
        .Bind("$body", item.Body)
        .Bind("$author", item.Author)
        .Bind("$category", item.Category)
        .Bind("$published", item.PublishedAt is { } published ? SqliteTime.Write(published) : null)
        .Bind("$hash", hash)
        .Bind("$now", now);

    private static int SaveObservation(SqliteStatements statements, Observation observation) => statements.Raw("""
            INSERT INTO observations (item_id, observed_at, age_seconds, views, reactions, comments, shares, checkpoint_seconds)
            VALUES ($item, $at, $age, $views, $reactions, $comments, $shares, $checkpoint)
            ON CONFLICT DO NOTHING
            """)
        .Bind("$checkpoint", observation.Checkpoint is { } checkpoint ? (long)checkpoint.TotalSeconds : null)
        .Bind("$item", observation.ItemId)
        .Bind("$at", SqliteTime.Write(observation.ObservedAt))
        .Bind("$age", observation.Age is { } age ? (long)age.TotalSeconds : null)
        .Bind("$views", observation.Views)
        .Bind("$reactions", observation.Reactions)
        .Bind("$comments", observation.Comments)
        .Bind("$shares", observation.Shares)
        .Execute();

    private static int SaveComment(SqliteStatements statements, Comment comment, string now)
    {
        // A comment can be edited and its likes grow: keep the latest text and count, count it as new once.
        // Not INSERT … ON CONFLICT … RETURNING: SQLite gathers RETURNING rows in a table of their own, a third
        // of the cost of a comment. Inserted first and looked up only when the id is known: in an import
        // nearly every comment is new.
        var inserted = statements.Raw("""
            INSERT INTO comments (id, item_id, platform, parent_id, author, text, published_at, likes, first_seen_at)
            VALUES ($id, $item, $platform, $parent, $author, $text, $published, $likes, $now)
            ON CONFLICT (id) DO NOTHING
            """)
            .Bind("$id", comment.Id)
            .Bind("$item", comment.ItemId)
            .Bind("$platform", comment.Platform.ToWire())
            .Bind("$parent", comment.ParentId)
            .Bind("$author", comment.Author)
            .Bind("$text", comment.Text)
            .Bind("$published", comment.PublishedAt is { } published ? SqliteTime.Write(published) : null)
            .Bind("$likes", comment.Likes)
            .Bind("$now", now)
            .Execute();
        if (inserted > 0)
        {
            IndexComment(statements, statements.LastInsertRowId, comment.Text, reindex: false);
            return 1;
        }

        var find = statements.Raw("SELECT rowid, text FROM comments WHERE id = $id").Bind("$id", comment.Id);
        find.Read();
        var rowId = find.GetInt64(0);
        var knownText = find.GetString(1);
        find.Start();
        statements.Raw("UPDATE comments SET text = $text, likes = $likes WHERE rowid = $row")
            .Bind("$text", comment.Text)
            .Bind("$likes", comment.Likes)
            .Bind("$row", rowId)
            .Execute();
        if (!string.Equals(knownText, comment.Text, StringComparison.Ordinal))
        {
            IndexComment(statements, rowId, comment.Text, reindex: true);
        }

        return 0;
    }

    private static void SaveAssessment(SqliteStatements statements, Assessment assessment) => statements.Raw("""
            INSERT INTO assessments (target_id, target_kind, task, label, probability, model_version)
            VALUES ($target, $kind, $task, $label, $probability, $model)
            ON CONFLICT (target_id, task, model_version) DO UPDATE SET label = excluded.label, probability = excluded.probability
            """)
        .Bind("$target", assessment.TargetId)
        .Bind("$kind", assessment.TargetKind.ToWire())
        .Bind("$task", assessment.Task)
        .Bind("$label", assessment.Label)
        .Bind("$probability", assessment.Probability)
        .Bind("$model", assessment.ModelVersion)
        .Execute();

    private static string? ItemOfComment(SqliteStatements statements, string commentId)
    {
        var find = statements.Raw("SELECT item_id FROM comments WHERE id = $comment").Bind("$comment", commentId);
        if (!find.Read())
        {
            return null;
        }

        var itemId = find.GetString(0);
        find.Start();
        return itemId;
    }

    /// <summary>Stores a flag; says whether it is the first flag on its target and, when it was stored, which item the target belongs to.</summary>
    private static (int Stored, bool NewTarget, string? ItemId) SaveFlag(SqliteStatements statements, Flag flag)
    {
        var find = statements.Raw("SELECT COUNT(*) FROM flags WHERE target_id = $target").Bind("$target", flag.TargetId);
        find.Read();
        var earlier = find.GetInt64(0);
        find.Start();

        var stored = statements.Raw("""
            INSERT INTO flags (target_id, target_kind, source, severity, reason, score, evidence, raised_at)
            VALUES ($target, $kind, $source, $severity, $reason, $score, $evidence, $raised)
            ON CONFLICT (target_id, source, reason) DO NOTHING
            """)
            .Bind("$target", flag.TargetId)
            .Bind("$kind", flag.TargetKind.ToWire())
            .Bind("$source", flag.Source)
            .Bind("$severity", flag.Severity)
            .Bind("$reason", flag.Reason)
            .Bind("$score", flag.Score)
            .Bind("$evidence", JsonSerializer.Serialize(flag.Evidence))
            .Bind("$raised", SqliteTime.Write(flag.RaisedAt))
            .Execute();
        // Only a stored flag changes its item (its summary counts flags); recording it reads the comment's item anyway.
        return stored > 0 ? (stored, earlier == 0, RecordRaisedFlag(statements, flag)) : (0, false, null);
    }

    private static async Task AddTotalsAsync(SqliteStatements statements, long items, long observations, long comments, long flagged, CancellationToken cancellationToken)
    {
        var command = statements.Get("""
            INSERT INTO store_totals (name, value) VALUES ('items', $items), ('observations', $observations), ('comments', $comments), ('flagged', $flagged)
            ON CONFLICT (name) DO UPDATE SET value = value + excluded.value
            """);
        command.Parameters.AddWithValue("$items", items);
        command.Parameters.AddWithValue("$observations", observations);
        command.Parameters.AddWithValue("$comments", comments);
        command.Parameters.AddWithValue("$flagged", flagged);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ContentHash(Item item)
    {
        var text = string.Join('\u001f', item.Title, item.Body, item.Author, item.Category, item.PublishedAt is { } p ? SqliteTime.Write(p) : string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
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

    private static Platform ReadPlatform(string text) =>
        PlatformNames.TryParse(text, out var platform) ? platform : throw new InvalidDataException($"Unknown platform '{text}' in the store.");

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? NullableLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}

