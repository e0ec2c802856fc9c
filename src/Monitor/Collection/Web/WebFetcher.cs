namespace Monitor.Collection.Web;

/// <summary>
/// The polite GET every website request goes through: robots.txt checked on every hop, the host's
/// politeness gate entered, redirects followed by hand up to the limit so they are counted.
/// </summary>
internal sealed class WebFetcher(PageClient client, RobotsPolicy robots, HostGate gate, Microsoft.Extensions.Options.IOptions<WebCollectionOptions> options)
{
    public string ProductToken => robots.ProductToken;

    /// <summary>Whether robots.txt lets us fetch the URL (fetching robots.txt if needed).</summary>
    public async Task<bool> IsAllowedAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var verdict = await robots.GetAsync(url, cancellationToken);
        return verdict.Rules.IsAllowed(robots.ProductToken, url);
    }

    public Task<RobotsVerdict> RobotsAsync(Uri url, CancellationToken cancellationToken = default) => robots.GetAsync(url, cancellationToken);

    /// <exception cref="WebFetchException">No answer, a timeout, too many redirects, or a hop robots.txt disallows.</exception>
    public Task<FetchedPage> FetchAsync(Uri url, Validators? validators = null, CancellationToken cancellationToken = default) =>
        FetchAsync(url, validators, options.Value.MaxResponseBytes, cancellationToken);

    /// <summary>The same with the body capped at <paramref name="maxBytes"/> (feeds and sitemaps have a larger cap than pages).</summary>
    public async Task<FetchedPage> FetchAsync(Uri url, Validators? validators, long maxBytes, CancellationToken cancellationToken = default)
    {
        var current = url;
        var maxRedirects = options.Value.MaxRedirects;
        for (var redirects = 0; ; redirects++)
        {
            var verdict = await robots.GetAsync(current, cancellationToken);
            if (!verdict.Rules.IsAllowed(robots.ProductToken, current))
            {
                throw new WebFetchException(verdict.Unreachable
                    ? $"GET {current} not attempted: {verdict.Problem}."
                    : $"GET {current} not attempted: robots.txt disallows it.");
            }

            PageClient.SingleResponse response;
            using (await gate.EnterAsync(current, robots.DelayFor(verdict), cancellationToken))
            {
                response = await client.GetAsync(current, redirects == 0 ? validators : null, maxBytes, cancellationToken);
            }

            if (!response.IsRedirect || response.Location is null)
            {
                return new FetchedPage(url, current, response.StatusCode, response.Body, response.MediaType, response.Charset, response.Validators, response.Truncated, redirects);
            }

            if (redirects == maxRedirects)
            {
                throw new WebFetchException($"GET {url} redirected more than {maxRedirects} times (last to {response.Location}).");
            }

            var next = new Uri(current, response.Location);
            if (next.Scheme is not ("http" or "https"))
            {
                // file:, ftp:, javascript:, data: … are nothing a crawler may follow (HttpClient would throw NotSupported).
                throw new WebFetchException($"GET {current} redirected to a {next.Scheme}: address, which is not fetched.");
            }

            current = next;
        }
    }
}
