using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Monitor.Collection.Web;

/// <summary>
/// What the collector remembers about one article URL of one channel. <see cref="Url"/> is the page's path and
/// query when the page is on the channel's own site, the whole URL otherwise (older entries: always whole).
/// </summary>
public sealed record SeenUrl(string Url, string? CanonicalUrl, string? ItemId, Validators Validators, DateTimeOffset? Changed, DateTimeOffset SeenAt);

/// <summary>An article URL that failed: how often in a row, why the last time, and when it may be tried again.</summary>
public sealed record FailedUrl(string Url, int Failures, string Problem, DateTimeOffset RetryAfter);

/// <summary>A discovery document (feed, sitemap, listing page) as last fetched, with its validators.</summary>
public sealed record StoredDocument(string Url, Validators Validators, string Content, DateTimeOffset FetchedAt);

/// <summary>
/// The website collector's memory, in its own <c>crawl_*</c> tables of the store's SQLite file:
/// the per-channel seen-set (with each page's validators and the change time discovery gave) and
/// the last copy of each discovery document, so a 304 for a feed still lets us finish URLs a
/// killed run never reached.
/// </summary>
public sealed class CrawlState : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS crawl_seen (
            channel_id    TEXT NOT NULL,
            url           TEXT NOT NULL,
            canonical_url TEXT,
            item_id       TEXT,
            etag          TEXT,
            last_modified TEXT,
            changed       TEXT,
            seen_at       TEXT NOT NULL,
            PRIMARY KEY (channel_id, url)
        );
        CREATE TABLE IF NOT EXISTS crawl_failures (
            channel_id    TEXT NOT NULL,
            url           TEXT NOT NULL,
            failures      INTEGER NOT NULL,
            problem       TEXT NOT NULL,
            retry_after   TEXT NOT NULL,
            PRIMARY KEY (channel_id, url)
        );
        CREATE TABLE IF NOT EXISTS crawl_documents (
            url           TEXT PRIMARY KEY,
            etag          TEXT,
            last_modified TEXT,
            content       TEXT NOT NULL,
            fetched_at    TEXT NOT NULL
        );
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private bool _schemaReady;

    public CrawlState(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
    }

    public static CrawlState ForFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return new CrawlState(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
    }

    public void Dispose() => _schemaLock.Dispose();

    public async Task<IReadOnlyDictionary<string, SeenUrl>> LoadSeenAsync(string channelId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT url, canonical_url, item_id, etag, last_modified, changed, seen_at FROM crawl_seen WHERE channel_id = $channel";
        command.Parameters.AddWithValue("$channel", channelId);
        var seen = new Dictionary<string, SeenUrl>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var url = reader.GetString(0);
            seen[url] = new SeenUrl(
                url,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                new Validators(reader.IsDBNull(3) ? null : reader.GetString(3), Time(reader, 4)),
                Time(reader, 5),
                Time(reader, 6) ?? DateTimeOffset.MinValue);
        }

        return seen;
    }

    public async Task MarkSeenAsync(string channelId, SeenUrl seen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO crawl_seen (channel_id, url, canonical_url, item_id, etag, last_modified, changed, seen_at)
            VALUES ($channel, $url, $canonical, $item, $etag, $lastModified, $changed, $seenAt)
            ON CONFLICT (channel_id, url) DO UPDATE SET
                canonical_url = excluded.canonical_url, item_id = excluded.item_id, etag = excluded.etag,
                last_modified = excluded.last_modified, changed = excluded.changed, seen_at = excluded.seen_at
            """;
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$url", seen.Url);
        command.Parameters.AddWithValue("$canonical", (object?)seen.CanonicalUrl ?? DBNull.Value);
        command.Parameters.AddWithValue("$item", (object?)seen.ItemId ?? DBNull.Value);
        command.Parameters.AddWithValue("$etag", (object?)seen.Validators.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("$lastModified", Text(seen.Validators.LastModified));
        command.Parameters.AddWithValue("$changed", Text(seen.Changed));
        command.Parameters.AddWithValue("$seenAt", Text(seen.SeenAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The channel's article URLs that failed and are waiting for their next try, by seen-set key.</summary>
    public async Task<IReadOnlyDictionary<string, FailedUrl>> LoadFailuresAsync(string channelId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT url, failures, problem, retry_after FROM crawl_failures WHERE channel_id = $channel";
        command.Parameters.AddWithValue("$channel", channelId);
        var failed = new Dictionary<string, FailedUrl>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            failed[reader.GetString(0)] = new FailedUrl(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), Time(reader, 3) ?? DateTimeOffset.MinValue);
        }

        return failed;
    }

    /// <summary>
    /// Records one more failure of <paramref name="url"/>. The next try waits
    /// <see cref="FailureBackoff"/>: 1 h after the first failure, doubling, at most 7 days — a page
    /// that is broken for good costs one request a week, and one that recovers is read again.
    /// </summary>
    public async Task<FailedUrl> RecordFailureAsync(string channelId, string url, string problem, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int failures;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT failures FROM crawl_failures WHERE channel_id = $channel AND url = $url";
            read.Parameters.AddWithValue("$channel", channelId);
            read.Parameters.AddWithValue("$url", url);
            failures = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken) ?? 0, CultureInfo.InvariantCulture) + 1;
        }

        var failed = new FailedUrl(url, failures, problem, now + FailureBackoff(failures));
        await using (var write = connection.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = """
                INSERT INTO crawl_failures (channel_id, url, failures, problem, retry_after) VALUES ($channel, $url, $failures, $problem, $retryAfter)
                ON CONFLICT (channel_id, url) DO UPDATE SET failures = excluded.failures, problem = excluded.problem, retry_after = excluded.retry_after
                """;
            write.Parameters.AddWithValue("$channel", channelId);
            write.Parameters.AddWithValue("$url", url);
            write.Parameters.AddWithValue("$failures", failures);
            write.Parameters.AddWithValue("$problem", problem);
            write.Parameters.AddWithValue("$retryAfter", Text(failed.RetryAfter));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return failed;
    }

    public async Task ClearFailureAsync(string channelId, string url, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM crawl_failures WHERE channel_id = $channel AND url = $url";
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$url", url);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static TimeSpan FailureBackoff(int failures) =>
        TimeSpan.FromHours(Math.Min(Math.Pow(2, Math.Clamp(failures, 1, 30) - 1), MaxFailureBackoff.TotalHours));

    private static TimeSpan MaxFailureBackoff { get; } = TimeSpan.FromDays(7);

    public async Task<StoredDocument?> GetDocumentAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, last_modified, content, fetched_at FROM crawl_documents WHERE url = $url";
        command.Parameters.AddWithValue("$url", url.AbsoluteUri);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredDocument(
            url.AbsoluteUri,
            new Validators(reader.IsDBNull(0) ? null : reader.GetString(0), Time(reader, 1)),
            reader.GetString(2),
            Time(reader, 3) ?? DateTimeOffset.MinValue);
    }

    public async Task SaveDocumentAsync(StoredDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO crawl_documents (url, etag, last_modified, content, fetched_at)
            VALUES ($url, $etag, $lastModified, $content, $fetchedAt)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                content = excluded.content, fetched_at = excluded.fetched_at
            """;
        command.Parameters.AddWithValue("$url", document.Url);
        command.Parameters.AddWithValue("$etag", (object?)document.Validators.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("$lastModified", Text(document.Validators.LastModified));
        command.Parameters.AddWithValue("$content", document.Content);
        command.Parameters.AddWithValue("$fetchedAt", Text(document.FetchedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            // WAL lets the content store write while we read our tables in the same file.
            command.CommandText = "PRAGMA journal_mode=WAL;" + Schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private static object Text(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? (object)DBNull.Value;

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
