using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Monitor.Telemetry;

namespace Monitor.Collection.Web;

/// <summary>
/// One HTTP GET without following redirects (the caller counts them and checks robots.txt on each
/// hop). The body is streamed into memory up to the size cap and the rest is never read.
/// </summary>
internal sealed class PageClient(HttpClient http, IOptions<WebCollectionOptions> options)
{
    public const string HttpClientName = "Monitor.Web";

    private readonly WebCollectionOptions _options = options.Value;

    public async Task<SingleResponse> GetAsync(Uri url, Validators? validators, CancellationToken cancellationToken = default) =>
        await GetAsync(url, validators, _options.MaxResponseBytes, cancellationToken);

    /// <summary>The same with the body cut at <paramref name="maxBytes"/> (pages: <c>MaxResponseBytes</c>; feeds and sitemaps: <c>MaxDocumentBytes</c>).</summary>
    public async Task<SingleResponse> GetAsync(Uri url, Validators? validators, long maxBytes, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.Headers.AcceptLanguage.ParseAdd("vi,en;q=0.5");
        if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (validators?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            MonitorMeter.FetchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("host", url.Host));
            var (body, truncated) = await ReadCappedAsync(response.Content, maxBytes, timeout.Token);
            return new SingleResponse(
                response.StatusCode,
                response.Headers.Location,
                body,
                response.Content.Headers.ContentType?.MediaType,
                response.Content.Headers.ContentType?.CharSet,
                new Validators(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified),
                truncated);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebFetchException($"GET {url} timed out after {_options.Timeout.TotalSeconds:0.###} s.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new WebFetchException($"GET {url} failed: {exception.Message}", exception);
        }
        catch (IOException exception)
        {
            throw new WebFetchException($"GET {url} failed while reading the body: {exception.Message}", exception);
        }
    }

    private static async Task<(byte[] Body, bool Truncated)> ReadCappedAsync(HttpContent content, long cap, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        using var buffer = new MemoryStream((int)Math.Min(declared ?? 64 * 1024, cap));
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var chunk = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return (buffer.ToArray(), false);
            }

            var room = cap - buffer.Length;
            if (read > room)
            {
                // Past the cap: keep what fits and stop reading; disposing the response drops the rest.
                buffer.Write(chunk, 0, (int)room);
                return (buffer.ToArray(), true);
            }

            buffer.Write(chunk, 0, read);
        }
    }

    internal sealed record SingleResponse(
        HttpStatusCode StatusCode,
        Uri? Location,
        byte[] Body,
        string? MediaType,
        string? Charset,
        Validators Validators,
        bool Truncated)
    {
        public bool IsRedirect => StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
    }
}
