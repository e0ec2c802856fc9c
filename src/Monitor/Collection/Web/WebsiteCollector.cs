using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Domain;
using Monitor.Extraction;

namespace Monitor.Collection.Web;

/// <summary>
/// Collects a station website: discovery (<see cref="SiteDiscovery"/>), then each new or changed
/// article URL fetched politely, read by the <see cref="ArticleExtractor"/> with the channel's site
/// profile, and yielded as an item (plus a comment-count observation when the page shows one).
/// A URL is marked seen only when the pipeline acknowledges the stored item, so a killed run loses nothing.
/// The whole source fails (throws) when robots.txt or the home page cannot be reached; a single
/// broken article page is logged, skipped and remembered with a growing wait before its next try.
/// </summary>
internal sealed partial class WebsiteCollector(
    SiteDiscovery discovery,
    WebFetcher fetcher,
    ICrawlState state,
    ArticleExtractor extractor,
    TimeProvider time,
    IOptions<WebCollectionOptions> options,
    ILogger<WebsiteCollector> logger) : IChannelCollector
{
    public bool CanCollect(Channel channel) => channel is WebsiteChannel;

    public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(station);
        var web = channel as WebsiteChannel
            ?? throw new ArgumentException($"Channel {channel?.Id} is not a website channel.", nameof(channel));
        var profile = ProfileFor(web);

        var robots = await fetcher.RobotsAsync(web.BaseUrl, cancellationToken);
        if (robots.Unreachable)
        {
            throw new WebCollectionException($"Channel {web.Id}: {web.BaseUrl} is unreachable ({robots.Problem}).");
        }

        var found = await discovery.DiscoverAsync(web, profile, robots.Rules, cancellationToken);
        var seen = new Dictionary<string, SeenUrl>(StringComparer.Ordinal);
        foreach (var entry in (await state.LoadSeenAsync(web.Id, cancellationToken)).Values)
        {
            seen[SeenKey(web.BaseUrl, entry.Url)] = entry;
        }

        var failures = await state.LoadFailuresAsync(web.Id, cancellationToken);
        var yielded = new HashSet<string>(StringComparer.Ordinal);
        var tally = new Tally();

        foreach (var candidate in found.Candidates)
        {
            if (tally.Fetched >= web.MaxArticlesPerRun)
            {
                LogRunLimit(logger, web.Id, web.MaxArticlesPerRun);
                break;
            }

            var key = SeenKey(web.BaseUrl, UrlCanonicalizer.Canonicalize(candidate.Url));
            seen.TryGetValue(key, out var previous);
            if (previous is not null && !(candidate.Changed > previous.Changed))
            {
                tally.AlreadySeen++;
                continue;
            }

            if (failures.TryGetValue(key, out var failed) && time.GetUtcNow() < failed.RetryAfter)
            {
                tally.Deferred++;
                continue;
            }

            if (!await fetcher.IsAllowedAsync(candidate.Url, cancellationToken))
            {
                LogDisallowed(logger, web.Id, candidate.Url);
                tally.Disallowed++;
                continue;
            }

            tally.Fetched++;
            var outcome = await ReadArticleAsync(station, web, profile, candidate, previous, cancellationToken);
            if (outcome.Item is { } collected && yielded.Add(collected.Item.Url))
            {
                tally.Items++;
                yield return collected with { OnStored = token => RememberAsync(web.Id, key, failed, outcome, previous, candidate.Changed, seen, token) };
                continue;
            }
            else if (outcome.Item is null && !outcome.MarkSeen)
            {
                // One bad page is that page's failure: remembered with a growing wait so it is not fetched every run.
                tally.Failed++;
                var recorded = await state.RecordFailureAsync(web.Id, key, outcome.Problem ?? "failed", time.GetUtcNow(), cancellationToken);
                LogArticleFailed(logger, web.Id, candidate.Url, outcome.Problem ?? "failed", recorded.Failures, recorded.RetryAfter);
                continue;
            }

            await RememberAsync(web.Id, key, failed, outcome, previous, candidate.Changed, seen, cancellationToken);
            if (outcome.NotModified)
            {
                tally.NotModified++;
            }
        }

        LogSummary(logger, web.Id, found.Candidates.Count, found.FromFeeds, found.FromSitemaps, found.FromListings, tally.AlreadySeen, tally.Disallowed, tally.Deferred, tally.Fetched, tally.NotModified, tally.Failed, tally.Items);
    }

    /// <summary>
    /// A page dealt with: its failure streak forgotten and its URL marked seen. For an article this
    /// runs as the item's <see cref="CollectedItem.OnStored"/>, i.e. only once the pipeline has stored it.
    /// </summary>
    private async Task RememberAsync(string channelId, string key, FailedUrl? failed, Outcome outcome, SeenUrl? previous, DateTimeOffset? changed, Dictionary<string, SeenUrl> seen, CancellationToken cancellationToken)
    {
        if (failed is not null)
        {
            await state.ClearFailureAsync(channelId, key, cancellationToken);
        }

        var remembered = new SeenUrl(key, outcome.Item?.Item.Url ?? previous?.CanonicalUrl, outcome.Item?.Item.Id ?? previous?.ItemId, outcome.Validators ?? previous?.Validators ?? Validators.None, changed, time.GetUtcNow());
        await state.MarkSeenAsync(channelId, remembered, cancellationToken);
        seen[key] = remembered;
    }

    /// <summary>
    /// A page of the channel's own site is remembered by its path and query, anything else by its whole URL:
    /// the seen-set then survives the site moving address (and the demo's replay sites, whose loopback port
    /// changes every run). Entries stored whole by earlier versions are re-keyed the same way when loaded.
    /// </summary>
    internal static string SeenKey(Uri baseUrl, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var absolute)
            && string.Equals(absolute.Scheme, baseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(absolute.Authority, baseUrl.Authority, StringComparison.OrdinalIgnoreCase)
            ? absolute.PathAndQuery
            : url;

    private SiteProfile? ProfileFor(WebsiteChannel channel)
    {
        var profiles = options.Value.Profiles;
        if (channel.Profile is { Length: > 0 } name)
        {
            return profiles.TryGetValue(name, out var named)
                ? named
                : throw new InvalidOperationException($"Channel {channel.Id} names site profile '{name}', which is not loaded (expected pipelines/profiles/{name}.yaml).");
        }

        return profiles.Values.FirstOrDefault(p => p.Hosts.Any(h => string.Equals(h, channel.BaseUrl.Host, StringComparison.OrdinalIgnoreCase)));
    }

    private async Task<Outcome> ReadArticleAsync(Station station, WebsiteChannel channel, SiteProfile? profile, DiscoveredLink candidate, SeenUrl? previous, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadPageAsync(station, channel, profile, candidate, previous, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Whatever a hostile page makes the reading code throw stays that page's failure, never the channel's.
            return Outcome.Failed(exception is WebFetchException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private async Task<Outcome> ReadPageAsync(Station station, WebsiteChannel channel, SiteProfile? profile, DiscoveredLink candidate, SeenUrl? previous, CancellationToken cancellationToken)
    {
        var page = await fetcher.FetchAsync(candidate.Url, previous?.Validators, cancellationToken);

        if (page.NotModified)
        {
            return new Outcome(null, previous?.Validators, MarkSeen: true, NotModified: true);
        }

        if (!page.IsSuccess)
        {
            return Outcome.Failed($"HTTP {(int)page.StatusCode}");
        }

        if (!BelongsToChannel(page.FinalUrl, channel))
        {
            // Stored under the target's URL and id it would take another station's article as ours.
            return Outcome.Failed($"redirected to {page.FinalUrl.Host}, which is not this station's site (list it under aliasHosts if it is)");
        }

        if (page.Truncated)
        {
            LogTruncated(logger, channel.Id, candidate.Url, options.Value.MaxResponseBytes);
        }

        var html = page.Decode().Text;
        ExtractedArticle article;
        try
        {
            article = extractor.Extract(html, page.FinalUrl, profile);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Outcome.Failed("extraction failed: " + exception.Message);
        }

        if (article.PageKind == PageKind.Listing)
        {
            // A section page reached through a link: remembered so it is not fetched as an article again.
            return new Outcome(null, page.Validators, MarkSeen: true, NotModified: false);
        }

        if (string.IsNullOrWhiteSpace(article.Title))
        {
            return Outcome.Failed("no title could be read");
        }

        var canonical = UrlCanonicalizer.Canonicalize(CanonicalFor(article, html, page.FinalUrl));
        var collectedAt = time.GetUtcNow();
        var itemId = Item.WebId(canonical);
        var item = new Item(
            itemId,
            station.Id,
            channel.Id,
            Platform.Web,
            ItemKind.Article,
            canonical,
            article.Title.Trim(),
            article.Body,
            article.Author,
            article.Category,
            article.PublishedAt?.ToUniversalTime(),
            collectedAt,
            article.Language ?? "vi");
        var age = article.PublishedAt is { } published && collectedAt >= published ? collectedAt - published : (TimeSpan?)null;
        IReadOnlyList<Observation> observations = article.CommentCount is not null || article.ViewCount is not null
            ? [new Observation(itemId, collectedAt, age, Views: article.ViewCount, Reactions: null, Comments: article.CommentCount, Shares: null)]
            : [];
        return new Outcome(new CollectedItem(item, observations, []), page.Validators, MarkSeen: true, NotModified: false);
    }

    /// <summary>The page's own canonical link when it stays on the same site (a foreign one could hijack the item id), else the fetched URL.</summary>
    private static Uri CanonicalFor(ExtractedArticle article, string html, Uri fetchedUrl)
    {
        var declared = article.CanonicalUrl;
        if (declared is null)
        {
            var document = PageParser.Parse(html);
            declared = PageLinks.Read(document, fetchedUrl, null).Canonical;
        }

        return declared is not null && PageLinks.SameSite(declared, fetchedUrl) ? declared : fetchedUrl;
    }

    /// <summary>
    /// Whether a page reached through redirects is still the channel's own: its site (with or without
    /// "www."), the hosts of its feeds, sitemaps and listing pages, or an alias host the configuration
    /// gives (a merged station's old domain).
    /// </summary>
    internal static bool BelongsToChannel(Uri url, WebsiteChannel channel)
    {
        if (PageLinks.SameSite(url, channel.BaseUrl)
            || channel.Feeds.Concat(channel.Sitemaps).Concat(channel.ListingPages).Any(u => PageLinks.SameSite(url, u)))
        {
            return true;
        }

        var host = url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
        return channel.AliasHosts.Any(a => string.Equals(a.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? a[4..] : a, host, StringComparison.OrdinalIgnoreCase));
    }

    private sealed record Outcome(CollectedItem? Item, Validators? Validators, bool MarkSeen, bool NotModified, string? Problem = null)
    {
        public static Outcome Failed(string problem) => new(null, null, MarkSeen: false, NotModified: false, problem);
    }

    private sealed class Tally
    {
        public int AlreadySeen { get; set; }

        public int Disallowed { get; set; }

        public int Deferred { get; set; }

        public int Fetched { get; set; }

        public int NotModified { get; set; }

        public int Failed { get; set; }

        public int Items { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {ChannelId}: {Candidates} article URLs discovered (feeds {FromFeeds}, sitemaps {FromSitemaps}, listings {FromListings}); {AlreadySeen} already seen, {Disallowed} disallowed by robots.txt, {Deferred} waiting to retry after a failure, {Fetched} fetched, {NotModified} not modified, {Failed} failed, {Items} items")]
    private static partial void LogSummary(ILogger logger, string channelId, int candidates, int fromFeeds, int fromSitemaps, int fromListings, int alreadySeen, int disallowed, int deferred, int fetched, int notModified, int failed, int items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId}: article {Url} skipped: {Problem} (failure {Failures} in a row; next try after {RetryAfter:u})")]
    private static partial void LogArticleFailed(ILogger logger, string channelId, Uri url, string problem, int failures, DateTimeOffset retryAfter);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Channel {ChannelId}: {Url} not fetched: robots.txt disallows it")]
    private static partial void LogDisallowed(ILogger logger, string channelId, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId}: {Url} is larger than {MaxBytes} bytes; only the first part was read")]
    private static partial void LogTruncated(ILogger logger, string channelId, Uri url, long maxBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {ChannelId}: stopped after {Limit} article fetches (maxArticlesPerRun); the rest follows next run")]
    private static partial void LogRunLimit(ILogger logger, string channelId, int limit);
}
