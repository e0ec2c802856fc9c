using Microsoft.Data.Sqlite;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Versioned schema. The file's <c>PRAGMA user_version</c> says which migrations ran; each
/// migration runs once, in its own transaction, so an interrupted upgrade leaves the previous
/// version intact. Append new migrations; never edit a shipped one.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: items with versions, append-only observations, comments, assessments, flags, folded FTS.
        """
        CREATE TABLE items (
            id TEXT NOT NULL PRIMARY KEY,
            station_id TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            platform TEXT NOT NULL,
            kind TEXT NOT NULL,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT,
            author TEXT,
            category TEXT,
            published_at TEXT,
            collected_at TEXT NOT NULL,
            language TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX items_by_station ON items (station_id, platform, published_at);
        CREATE TABLE item_versions (
            item_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            body TEXT,
            author TEXT,
            category TEXT,
            published_at TEXT,
            content_hash TEXT NOT NULL,
            collected_at TEXT NOT NULL,
            PRIMARY KEY (item_id, version));
        CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL,
            observed_at TEXT NOT NULL,
            age_seconds INTEGER,
            views INTEGER,
            reactions INTEGER,
            comments INTEGER,
            shares INTEGER,
            UNIQUE (item_id, observed_at));
        CREATE TABLE comments (
            id TEXT NOT NULL PRIMARY KEY,
            item_id TEXT NOT NULL,
            platform TEXT NOT NULL,
            parent_id TEXT,
            author TEXT,
            text TEXT NOT NULL,
            published_at TEXT,
            likes INTEGER,
            first_seen_at TEXT NOT NULL);
        CREATE INDEX comments_by_item ON comments (item_id);
        CREATE TABLE assessments (
            target_id TEXT NOT NULL,
            target_kind TEXT NOT NULL,
            task TEXT NOT NULL,
            label TEXT NOT NULL,
            probability REAL NOT NULL,
            model_version TEXT NOT NULL,
            PRIMARY KEY (target_id, task, model_version));
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            target_id TEXT NOT NULL,
            target_kind TEXT NOT NULL,
            source TEXT NOT NULL,
            severity TEXT NOT NULL,
            reason TEXT NOT NULL,
            score REAL,
            evidence TEXT NOT NULL,
            raised_at TEXT NOT NULL,
            UNIQUE (target_id, source, reason));
        CREATE VIRTUAL TABLE items_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');
        """,

        // 2: the collectors' state (until now each created its own tables on first use; IF NOT EXISTS
        // keeps those files), follower counts, and the checkpoints an import commits with each batch.
        """
        CREATE TABLE IF NOT EXISTS crawl_seen (
            channel_id TEXT NOT NULL,
            url TEXT NOT NULL,
            canonical_url TEXT,
            item_id TEXT,
            etag TEXT,
            last_modified TEXT,
            changed TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (channel_id, url));
        CREATE TABLE IF NOT EXISTS crawl_failures (
            channel_id TEXT NOT NULL,
            url TEXT NOT NULL,
            failures INTEGER NOT NULL,
            problem TEXT NOT NULL,
            retry_after TEXT NOT NULL,
            PRIMARY KEY (channel_id, url));
        CREATE TABLE IF NOT EXISTS crawl_documents (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            content TEXT NOT NULL,
            fetched_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS social_items (
            item_id TEXT PRIMARY KEY,
            channel_id TEXT NOT NULL,
            native_id TEXT NOT NULL,
            published_at TEXT NOT NULL,
            last_observed_at TEXT,
            next_due_at TEXT,
            observation_count INTEGER NOT NULL DEFAULT 0,
            last_comment_count INTEGER,
            gone INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS social_items_due ON social_items (channel_id, gone, next_due_at);
        CREATE TABLE IF NOT EXISTS social_backoff (key TEXT PRIMARY KEY, until TEXT NOT NULL, reason TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS social_quota (quota_key TEXT NOT NULL, day TEXT NOT NULL, units INTEGER NOT NULL, PRIMARY KEY (quota_key, day));
        CREATE TABLE IF NOT EXISTS social_followers (channel_id TEXT NOT NULL, observed_at TEXT NOT NULL, followers INTEGER NOT NULL, PRIMARY KEY (channel_id, observed_at));
        CREATE TABLE checkpoints (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
        """,

        // 3: the scheduled age a social observation fulfils, unique per item, so the observation repeated
        // after a kill between its save and the collector's mark is recognised and not stored twice.
        """
        ALTER TABLE observations ADD COLUMN checkpoint_seconds INTEGER;
        CREATE UNIQUE INDEX observations_by_checkpoint ON observations (item_id, checkpoint_seconds) WHERE checkpoint_seconds IS NOT NULL;
        """,
    ];

    public static int LatestVersion => Migrations.Count;

    public static async Task MigrateAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        var current = await ReadVersionAsync(connection, cancellationToken);
        if (current > LatestVersion)
        {
            throw new StoreUnavailableException(
                $"The store file '{path}' has schema version {current}, newer than this Monitor understands ({LatestVersion}). " +
                "Run a newer Monitor, or pass --db with another file.");
        }

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            // Microsoft.Data.Sqlite begins IMMEDIATE (not deferred): take the write lock, then look again.
            // The content store and the collectors' state may open a new file at the same moment, and
            // only one of them may run each step.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var again = connection.CreateCommand())
            {
                again.Transaction = transaction;
                again.CommandText = "PRAGMA user_version;";
                if (Convert.ToInt32(await again.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) >= version)
                {
                    continue;
                }
            }

            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Migrations[version - 1] + $"\nPRAGMA user_version = {version};";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    public static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
