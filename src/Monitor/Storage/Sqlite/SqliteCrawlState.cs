using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Collection.Web;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// The website collector's memory (<see cref="ICrawlState"/>) in the <c>crawl_*</c> tables of the
/// store's SQLite file, created by the store's migrations. Every call is its own statement or
/// transaction on the shared file; nothing is cached in the process.
/// </summary>
internal sealed class SqliteCrawlState(string path) : ICrawlState, IDisposable
{
    private readonly SqliteStateFile file = new(path);

    public void Dispose() => file.Dispose();

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

        var failed = new FailedUrl(url, failures, problem, now + FailedUrl.Backoff(failures));
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

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => file.OpenAsync(cancellationToken);

    private static object Text(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? (object)DBNull.Value;

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
