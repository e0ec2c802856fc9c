using Monitor.Collection.Web;
using Npgsql;

namespace Monitor.Storage.Postgres;

/// <summary>
/// The website collector's memory (<see cref="ICrawlState"/>) shared by every worker of a cluster:
/// one seen-set, one failure back-off and one copy of each discovery document, so a page one worker
/// fetched is not fetched again by another. Every call is one statement (or one transaction) on a
/// pooled connection; a connection broken by a server restart is dropped by Npgsql and the next
/// call opens a fresh one.
/// </summary>
internal sealed class PostgresCrawlState(NpgsqlDataSource dataSource) : ICrawlState
{
    public async Task<IReadOnlyDictionary<string, SeenUrl>> LoadSeenAsync(string channelId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT url, canonical_url, item_id, etag, last_modified, changed, seen_at FROM crawl_seen WHERE channel_id = $1");
        command.Parameters.AddWithValue(channelId);
        var seen = new Dictionary<string, SeenUrl>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var url = reader.GetString(0);
            seen[url] = new SeenUrl(
                url,
                PostgresValues.Text(reader, 1),
                PostgresValues.Text(reader, 2),
                new Validators(PostgresValues.Text(reader, 3), PostgresValues.Time(reader, 4)),
                PostgresValues.Time(reader, 5),
                PostgresValues.Time(reader, 6) ?? DateTimeOffset.MinValue);
        }

        return seen;
    }

    public async Task MarkSeenAsync(string channelId, SeenUrl seen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO crawl_seen (channel_id, url, canonical_url, item_id, etag, last_modified, changed, seen_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (channel_id, url) DO UPDATE SET
                canonical_url = excluded.canonical_url, item_id = excluded.item_id, etag = excluded.etag,
                last_modified = excluded.last_modified, changed = excluded.changed, seen_at = excluded.seen_at
            """);
        command.Parameters.AddWithValue(channelId);
        command.Parameters.AddWithValue(seen.Url);
        command.Parameters.Add(PostgresValues.Nullable(seen.CanonicalUrl));
        command.Parameters.Add(PostgresValues.Nullable(seen.ItemId));
        command.Parameters.Add(PostgresValues.Nullable(seen.Validators.ETag));
        command.Parameters.Add(PostgresValues.Nullable(seen.Validators.LastModified));
        command.Parameters.Add(PostgresValues.Nullable(seen.Changed));
        command.Parameters.Add(PostgresValues.Nullable(seen.SeenAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, FailedUrl>> LoadFailuresAsync(string channelId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT url, failures, problem, retry_after FROM crawl_failures WHERE channel_id = $1");
        command.Parameters.AddWithValue(channelId);
        var failed = new Dictionary<string, FailedUrl>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            failed[reader.GetString(0)] = new FailedUrl(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), PostgresValues.Time(reader, 3) ?? DateTimeOffset.MinValue);
        }

        return failed;
    }

    public async Task<FailedUrl> RecordFailureAsync(string channelId, string url, string problem, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // One upsert that counts: two workers failing the same URL at once both land, as two failures.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO crawl_failures AS f (channel_id, url, failures, problem, retry_after) VALUES ($1, $2, 1, $3, $4)
            ON CONFLICT (channel_id, url) DO UPDATE SET failures = f.failures + 1, problem = excluded.problem
            RETURNING failures
            """);
        command.Parameters.AddWithValue(channelId);
        command.Parameters.AddWithValue(url);
        command.Parameters.AddWithValue(problem);
        command.Parameters.Add(PostgresValues.Nullable(now + FailedUrl.Backoff(1)));
        var failures = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        var failed = new FailedUrl(url, failures, problem, now + FailedUrl.Backoff(failures));
        if (failures > 1)
        {
            await using var retry = dataSource.CreateCommand("UPDATE crawl_failures SET retry_after = $3 WHERE channel_id = $1 AND url = $2");
            retry.Parameters.AddWithValue(channelId);
            retry.Parameters.AddWithValue(url);
            retry.Parameters.Add(PostgresValues.Nullable(failed.RetryAfter));
            await retry.ExecuteNonQueryAsync(cancellationToken);
        }

        return failed;
    }

    public async Task ClearFailureAsync(string channelId, string url, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM crawl_failures WHERE channel_id = $1 AND url = $2");
        command.Parameters.AddWithValue(channelId);
        command.Parameters.AddWithValue(url);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredDocument?> GetDocumentAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await using var command = dataSource.CreateCommand("SELECT etag, last_modified, content, fetched_at FROM crawl_documents WHERE url = $1");
        command.Parameters.AddWithValue(url.AbsoluteUri);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredDocument(
            url.AbsoluteUri,
            new Validators(PostgresValues.Text(reader, 0), PostgresValues.Time(reader, 1)),
            reader.GetString(2),
            PostgresValues.Time(reader, 3) ?? DateTimeOffset.MinValue);
    }

    public async Task SaveDocumentAsync(StoredDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO crawl_documents (url, etag, last_modified, content, fetched_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                content = excluded.content, fetched_at = excluded.fetched_at
            """);
        command.Parameters.AddWithValue(document.Url);
        command.Parameters.Add(PostgresValues.Nullable(document.Validators.ETag));
        command.Parameters.Add(PostgresValues.Nullable(document.Validators.LastModified));
        command.Parameters.AddWithValue(document.Content);
        command.Parameters.Add(PostgresValues.Nullable(document.FetchedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
