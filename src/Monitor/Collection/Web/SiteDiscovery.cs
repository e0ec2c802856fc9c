using HtmlAgilityPack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Domain;
using Monitor.Extraction;

namespace Monitor.Collection.Web;

/// <summary>The article URLs discovery found for a channel, and where they came from.</summary>
internal sealed record DiscoveryResult(IReadOnlyList<DiscoveredLink> Candidates, int FromFeeds, int FromSitemaps, int FromListings, IReadOnlyCollection<string> DiscoveryPages);

/// <summary>
/// Finds a website's article URLs: RSS/Atom feeds (configured, or announced by
/// <c>&lt;link rel=alternate&gt;</c>), sitemaps and sitemap indexes (configured, or named by
/// robots.txt <c>Sitemap:</c> lines; Google News sitemaps included), and listing pages (the home
/// page always, plus configured ones) followed through pagination. Every discovery document is
/// fetched conditionally and its last copy kept, so an unchanged feed costs one 304.
/// </summary>
internal sealed partial class SiteDiscovery(WebFetcher fetcher, ICrawlState state, TimeProvider time, IOptions<WebCollectionOptions> options, ILogger<SiteDiscovery> logger)
{
    private const int MaxSitemapFiles = 100;

    public async Task<DiscoveryResult> DiscoverAsync(WebsiteChannel channel, SiteProfile? profile, RobotsTxt robots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var found = new Dictionary<string, DiscoveredLink>(StringComparer.Ordinal);
        var pages = new HashSet<string>(StringComparer.Ordinal);
        var feeds = new List<Uri>(channel.Feeds);
        var fromListings = 0;

        // The home page must answer: if it does not, the whole source has failed.
        string home;
        try
        {
            home = await FetchDocumentAsync(channel.BaseUrl, cancellationToken);
        }
        catch (WebFetchException exception)
        {
            throw new WebCollectionException($"Channel {channel.Id}: the home page {channel.BaseUrl} could not be fetched: {exception.Message}", exception);
        }

        foreach (var start in new[] { channel.BaseUrl }.Concat(channel.ListingPages).Distinct())
        {
            fromListings += await WalkListingAsync(channel, profile, start, start == channel.BaseUrl ? home : null, feeds, pages, found, cancellationToken);
        }

        var fromFeeds = 0;
        foreach (var feed in feeds.Distinct())
        {
            fromFeeds += await ReadFeedOrSitemapAsync(channel, feed, found, pages, depth: 0, cancellationToken);
        }

        var fromSitemaps = 0;
        foreach (var sitemap in channel.Sitemaps.Concat(robots.Sitemaps).Distinct())
        {
            fromSitemaps += await ReadFeedOrSitemapAsync(channel, sitemap, found, pages, depth: 0, cancellationToken);
        }

        // Discovery pages are never articles, whatever links pointed at them.
        foreach (var page in pages)
        {
            found.Remove(page);
        }

        return new DiscoveryResult([.. found.Values], fromFeeds, fromSitemaps, fromListings, pages);
    }

    private async Task<int> WalkListingAsync(WebsiteChannel channel, SiteProfile? profile, Uri start, string? firstPage, List<Uri> feeds, HashSet<string> pages, Dictionary<string, DiscoveredLink> found, CancellationToken cancellationToken)
    {
        var added = 0;
        Uri? url = start;
        for (var pageNumber = 0; url is not null && pageNumber < Math.Max(1, channel.MaxListingPages); pageNumber++)
        {
            if (!pages.Add(UrlCanonicalizer.Canonicalize(url)))
            {
                break;
            }

            string html;
            if (firstPage is not null && pageNumber == 0)
            {
                html = firstPage;
            }
            else
            {
                try
                {
                    html = await FetchDocumentAsync(url, cancellationToken);
                }
                catch (WebFetchException exception)
                {
                    LogDiscoveryFailed(logger, channel.Id, url, exception.Message);
                    break;
                }
            }

            HtmlDocument document;
            try
            {
                document = PageParser.Parse(html);
            }
            catch (MarkupLimitException exception)
            {
                LogDiscoveryFailed(logger, channel.Id, url, exception.Message);
                break;
            }

            var links = PageLinks.Read(document, url, profile);
            feeds.AddRange(links.Feeds.Where(f => PageLinks.SameSite(f, channel.BaseUrl)));
            added += links.ArticleLinks.Count(link => Add(channel, found, new DiscoveredLink(link, null)));
            url = links.NextPage;
        }

        return added;
    }

    private async Task<int> ReadFeedOrSitemapAsync(WebsiteChannel channel, Uri url, Dictionary<string, DiscoveredLink> found, HashSet<string> pages, int depth, CancellationToken cancellationToken)
    {
        if (!pages.Add(UrlCanonicalizer.Canonicalize(url)) || pages.Count > MaxSitemapFiles + channel.MaxListingPages)
        {
            return 0;
        }

        string text;
        try
        {
            text = await FetchDocumentAsync(url, cancellationToken);
        }
        catch (WebFetchException exception)
        {
            LogDiscoveryFailed(logger, channel.Id, url, exception.Message);
            return 0;
        }

        // Sitemaps can hold 50,000 URLs and 50 MB: read them as a stream, never as a document tree.
        var sitemap = SitemapReader.TryReadStreaming(text, url);
        if (sitemap is null)
        {
            var xml = FeedReader.TryParseXml(text);
            if (xml is not null && FeedReader.LooksLikeFeed(xml))
            {
                return FeedReader.Read(xml, url).Count(link => Add(channel, found, link));
            }

            LogNotXml(logger, channel.Id, url);
            return 0;
        }

        var added = sitemap.Pages.Count(link => Add(channel, found, link));
        if (depth < options.Value.MaxSitemapDepth)
        {
            foreach (var child in sitemap.ChildSitemaps)
            {
                added += await ReadFeedOrSitemapAsync(channel, child.Url, found, pages, depth + 1, cancellationToken);
            }
        }

        return added;
    }

    /// <summary>Keeps one entry per canonical URL, on the channel's own site, with the latest change time any source gave.</summary>
    private static bool Add(WebsiteChannel channel, Dictionary<string, DiscoveredLink> found, DiscoveredLink link)
    {
        if (!PageLinks.SameSite(link.Url, channel.BaseUrl))
        {
            return false;
        }

        var key = UrlCanonicalizer.Canonicalize(link.Url);
        if (found.TryGetValue(key, out var known))
        {
            if (link.Changed is not null && (known.Changed is null || link.Changed > known.Changed))
            {
                found[key] = known with { Changed = link.Changed };
            }

            return false;
        }

        found[key] = new DiscoveredLink(new Uri(key), link.Changed);
        return true;
    }

    /// <summary>GETs a discovery document conditionally; on 304 the copy kept from last time is used.</summary>
    private async Task<string> FetchDocumentAsync(Uri url, CancellationToken cancellationToken)
    {
        var stored = await state.GetDocumentAsync(url, cancellationToken);
        var page = await fetcher.FetchAsync(url, stored?.Validators, options.Value.MaxDocumentBytes, cancellationToken);
        if (page.NotModified && stored is not null)
        {
            return stored.Content;
        }

        if (!page.IsSuccess)
        {
            throw new WebFetchException($"GET {url} answered HTTP {(int)page.StatusCode}.");
        }

        var text = UnpackedText(page);
        if (!page.Validators.IsEmpty && !page.Truncated)
        {
            await state.SaveDocumentAsync(new StoredDocument(url.AbsoluteUri, page.Validators, text, time.GetUtcNow()), cancellationToken);
        }

        return text;
    }

    /// <summary>Sitemaps may be served gzipped as files (<c>.xml.gz</c>), not only with Content-Encoding.</summary>
    private string UnpackedText(FetchedPage page)
    {
        if (page.Body is not [0x1F, 0x8B, ..])
        {
            return page.Decode().Text;
        }

        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(page.Body), System.IO.Compression.CompressionMode.Decompress);
        using var unpacked = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0 && unpacked.Length < options.Value.MaxDocumentBytes)
        {
            unpacked.Write(buffer, 0, read);
        }

        return CharsetDecoder.Decode(unpacked.ToArray(), page.HeaderCharset).Text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId}: discovery page {Url} skipped: {Problem}")]
    private static partial void LogDiscoveryFailed(ILogger logger, string channelId, Uri url, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId}: {Url} is neither a feed nor a sitemap")]
    private static partial void LogNotXml(ILogger logger, string channelId, Uri url);
}
