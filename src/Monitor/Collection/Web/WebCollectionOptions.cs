using Monitor.Extraction;

namespace Monitor.Collection.Web;

/// <summary>
/// Settings of website collection, bound from <c>pipelines/monitor.yaml</c> (<c>http</c>,
/// <c>politeness</c>) and the store path. Validated at start by <see cref="WebCollectionOptionsValidator"/>.
/// </summary>
public sealed class WebCollectionOptions
{
    /// <summary>Sent with every request; its product token (before the '/') selects our robots.txt group.</summary>
    public string UserAgent { get; set; } = "MediaMonitorBot/1.0 (+https://github.com/monitor/monitor)";

    /// <summary>Whole request, headers and body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A body longer than this is cut off here (read as a stream, never held whole).</summary>
    public long MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The cap for feeds and sitemaps, apart from pages': the sitemap protocol allows 50 MB
    /// uncompressed, and a sitemap cut at the page cap would not parse at all.
    /// </summary>
    public long MaxDocumentBytes { get; set; } = 50 * 1024 * 1024;

    public int MaxRedirects { get; set; } = 5;

    public int MaxConcurrentPerHost { get; set; } = 2;

    /// <summary>Least time between the starts of two requests to one host.</summary>
    public TimeSpan MinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A robots.txt crawl-delay is honoured up to this much.</summary>
    public TimeSpan CrawlDelayCap { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>RFC 9309: a cached robots.txt older than this is not used.</summary>
    public TimeSpan RobotsCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Site profiles by name (<c>pipelines/profiles/&lt;name&gt;.yaml</c>), as loaded by the configuration.</summary>
    public IDictionary<string, SiteProfile> Profiles { get; } = new Dictionary<string, SiteProfile>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How deep sitemap indexes are followed.</summary>
    public int MaxSitemapDepth { get; set; } = 3;
}
