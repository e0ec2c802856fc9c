using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Collection.Web;

/// <summary>What robots.txt says for one site, and whether it could be read at all.</summary>
internal sealed record RobotsVerdict(RobotsTxt Rules, bool Unreachable, string? Problem, DateTimeOffset FetchedAt);

/// <summary>
/// Fetches and caches robots.txt per scheme+host+port (RFC 9309): 2xx is parsed, 4xx allows
/// everything, 5xx or no answer disallows everything, redirects are followed for five hops (more:
/// unavailable, like a 4xx). A parsed file is kept for at most 24 h by the injected clock; an unreachable verdict only for a few minutes, so a site that recovers is crawled again.
/// </summary>
internal sealed partial class RobotsPolicy(PageClient client, HostGate gate, TimeProvider time, IOptions<WebCollectionOptions> options, ILogger<RobotsPolicy> logger)
{
    private static readonly TimeSpan UnreachableRetry = TimeSpan.FromMinutes(10);
    private const int RobotsRedirects = 5;

    private readonly ConcurrentDictionary<string, RobotsVerdict> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly WebCollectionOptions _options = options.Value;

    public string ProductToken => RobotsTxt.ProductToken(_options.UserAgent);

    public async Task<RobotsVerdict> GetAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var authority = url.GetLeftPart(UriPartial.Authority);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(authority, out var cached) && now - cached.FetchedAt < (cached.Unreachable ? UnreachableRetry : _options.RobotsCacheDuration))
        {
            return cached;
        }

        var verdict = await FetchAsync(new Uri(authority + "/robots.txt"), cancellationToken);
        _cache[authority] = verdict;
        return verdict;
    }

    /// <summary>The gap to keep between requests to the host: our minimum, or the site's crawl-delay up to the cap.</summary>
    public TimeSpan DelayFor(RobotsVerdict verdict)
    {
        var crawlDelay = verdict.Rules.CrawlDelay(ProductToken) ?? TimeSpan.Zero;
        var capped = crawlDelay > _options.CrawlDelayCap ? _options.CrawlDelayCap : crawlDelay;
        return capped > _options.MinDelay ? capped : _options.MinDelay;
    }

    private async Task<RobotsVerdict> FetchAsync(Uri robotsUrl, CancellationToken cancellationToken)
    {
        var url = robotsUrl;
        try
        {
            for (var hop = 0; hop <= RobotsRedirects; hop++)
            {
                PageClient.SingleResponse response;
                using (await gate.EnterAsync(url, _options.MinDelay, cancellationToken))
                {
                    response = await client.GetAsync(url, null, cancellationToken);
                }

                if (response.IsRedirect && response.Location is not null)
                {
                    url = new Uri(url, response.Location);
                    continue;
                }

                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    var text = CharsetDecoder.Decode(response.Body, response.Charset).Text;
                    return new RobotsVerdict(RobotsTxt.Parse(text, robotsUrl), false, null, time.GetUtcNow());
                }

                if (status is >= 400 and < 500)
                {
                    LogRobotsMissing(logger, robotsUrl, status);
                    return new RobotsVerdict(RobotsTxt.AllowAll, false, null, time.GetUtcNow());
                }

                return Unreachable(robotsUrl, $"robots.txt answered HTTP {status}");
            }

            // §2.3.1.2: past five consecutive redirects a crawler MAY assume robots.txt unavailable,
            // which §2.3.1.3 treats like a 4xx: no restrictions. Not retried sooner than a parsed file.
            LogRobotsRedirectLoop(logger, robotsUrl, RobotsRedirects);
            return new RobotsVerdict(RobotsTxt.AllowAll, false, null, time.GetUtcNow());
        }
        catch (WebFetchException exception)
        {
            return Unreachable(robotsUrl, exception.Message);
        }
    }

    private RobotsVerdict Unreachable(Uri robotsUrl, string problem)
    {
        LogRobotsUnreachable(logger, robotsUrl, problem);
        return new RobotsVerdict(RobotsTxt.DisallowAll, true, problem, time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{RobotsUrl} answered {Status}: no restrictions apply")]
    private static partial void LogRobotsMissing(ILogger logger, Uri robotsUrl, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RobotsUrl} redirected more than {Hops} times: treated as unavailable, no restrictions apply (RFC 9309 §2.3.1.2)")]
    private static partial void LogRobotsRedirectLoop(ILogger logger, Uri robotsUrl, int hops);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RobotsUrl} is unreachable ({Problem}): the whole site is treated as disallowed")]
    private static partial void LogRobotsUnreachable(ILogger logger, Uri robotsUrl, string problem);
}
