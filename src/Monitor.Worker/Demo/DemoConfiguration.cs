using Monitor.Configuration;
using Monitor.Domain;

namespace Monitor.Worker.Demo;

/// <summary>
/// The real pipelines, aimed at the replay sites: every website channel whose host has a replay
/// gets the loopback authority (scheme, host, port; path kept); channels without one are left
/// out. Fails loudly if any URL would still leave 127.0.0.1.
/// </summary>
internal static class DemoConfiguration
{
    /// <summary>The replay sites are our own, on loopback: no need to wait a second between requests.</summary>
    public static readonly TimeSpan DemoMinDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>Loopback authority ("127.0.0.1:41234") → the real origin it stands in for ("https://thainguyentv.vn/").</summary>
    public static IReadOnlyDictionary<string, Uri> RealOrigins(PipelineConfiguration configuration, IReadOnlyDictionary<string, Uri> sites)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sites);
        var origins = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var web in configuration.Sources().Select(s => s.Channel).OfType<WebsiteChannel>())
        {
            if (Replay(web.BaseUrl, sites) is { } replay)
            {
                origins[replay.Authority] = new Uri(web.BaseUrl.GetLeftPart(UriPartial.Authority) + "/");
            }
        }

        return origins;
    }

    public static PipelineConfiguration PointAtReplays(PipelineConfiguration configuration, IReadOnlyDictionary<string, Uri> sites)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sites);
        var rewritten = configuration.RewriteChannels(channel => channel switch
        {
            WebsiteChannel web when Replay(web.BaseUrl, sites) is { } replay => web with
            {
                BaseUrl = Rewrite(web.BaseUrl, replay),
                Feeds = RewriteAll(web.Feeds, sites),
                Sitemaps = RewriteAll(web.Sitemaps, sites),
                ListingPages = RewriteAll(web.ListingPages, sites),
            },
            _ => null,
        });
        rewritten = rewritten with
        {
            Settings = rewritten.Settings with
            {
                Politeness = rewritten.Settings.Politeness with { MinDelay = DemoMinDelay, CrawlDelayCap = TimeSpan.FromMilliseconds(200) },
            },
        };
        EnsureLoopbackOnly(rewritten);
        return rewritten;
    }

    private static Uri? Replay(Uri url, IReadOnlyDictionary<string, Uri> sites)
    {
        var host = url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
        return sites.TryGetValue(host, out var replay) ? replay : null;
    }

    private static Uri Rewrite(Uri url, Uri replay) => new UriBuilder(url) { Scheme = replay.Scheme, Host = replay.Host, Port = replay.Port }.Uri;

    /// <summary>URLs on hosts without a replay are dropped rather than contacted.</summary>
    private static List<Uri> RewriteAll(IEnumerable<Uri> urls, IReadOnlyDictionary<string, Uri> sites) =>
        [.. urls.Select(u => Replay(u, sites) is { } replay ? Rewrite(u, replay) : null).OfType<Uri>()];

    private static void EnsureLoopbackOnly(PipelineConfiguration configuration)
    {
        foreach (var (_, channel) in configuration.Sources())
        {
            var web = (WebsiteChannel)channel;
            foreach (var url in new[] { web.BaseUrl }.Concat(web.Feeds).Concat(web.Sitemaps).Concat(web.ListingPages))
            {
                if (!url.IsLoopback)
                {
                    throw new InvalidOperationException($"demo would contact {url}; only 127.0.0.1 is allowed");
                }
            }
        }
    }
}
