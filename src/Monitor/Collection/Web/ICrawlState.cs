namespace Monitor.Collection.Web;

/// <summary>
/// What the collector remembers about one article URL of one channel. <see cref="Url"/> is the page's path and
/// query when the page is on the channel's own site, the whole URL otherwise (older entries: always whole).
/// </summary>
public sealed record SeenUrl(string Url, string? CanonicalUrl, string? ItemId, Validators Validators, DateTimeOffset? Changed, DateTimeOffset SeenAt);

/// <summary>An article URL that failed: how often in a row, why the last time, and when it may be tried again.</summary>
public sealed record FailedUrl(string Url, int Failures, string Problem, DateTimeOffset RetryAfter)
{
    /// <summary>
    /// How long a URL waits after its <paramref name="failures"/>-th failure in a row: 1 h, doubling,
    /// at most 7 days — a page broken for good costs one request a week, one that recovers is read again.
    /// </summary>
    public static TimeSpan Backoff(int failures) =>
        TimeSpan.FromHours(Math.Min(Math.Pow(2, Math.Clamp(failures, 1, 30) - 1), MaxBackoff.TotalHours));

    private static TimeSpan MaxBackoff { get; } = TimeSpan.FromDays(7);
}

/// <summary>A discovery document (feed, sitemap, listing page) as last fetched, with its validators.</summary>
public sealed record StoredDocument(string Url, Validators Validators, string Content, DateTimeOffset FetchedAt);

/// <summary>
/// The website collector's memory between runs: the per-channel seen-set (each page's validators and
/// the change time discovery gave), article URLs that failed and wait for their next try, and the last
/// copy of each discovery document (so a 304 for a feed still lets a run finish URLs a killed run never
/// reached). Every call reads or writes the shared store, never a copy private to one process, so
/// several workers may crawl from one state; the SQLite implementation is <c>Storage/Sqlite/SqliteCrawlState</c>.
/// </summary>
public interface ICrawlState
{
    /// <summary>The channel's seen-set, by the key the entry was stored under.</summary>
    Task<IReadOnlyDictionary<string, SeenUrl>> LoadSeenAsync(string channelId, CancellationToken cancellationToken = default);

    Task MarkSeenAsync(string channelId, SeenUrl seen, CancellationToken cancellationToken = default);

    /// <summary>The channel's article URLs that failed and are waiting for their next try, by seen-set key.</summary>
    Task<IReadOnlyDictionary<string, FailedUrl>> LoadFailuresAsync(string channelId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one more failure of <paramref name="url"/> atomically (two workers failing the same URL
    /// count two) and returns it with its next try <see cref="FailedUrl.Backoff"/> after <paramref name="now"/>.
    /// </summary>
    Task<FailedUrl> RecordFailureAsync(string channelId, string url, string problem, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task ClearFailureAsync(string channelId, string url, CancellationToken cancellationToken = default);

    Task<StoredDocument?> GetDocumentAsync(Uri url, CancellationToken cancellationToken = default);

    Task SaveDocumentAsync(StoredDocument document, CancellationToken cancellationToken = default);
}
