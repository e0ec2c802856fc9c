using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Sends requests to the cluster with the compatibility headers (<c>compatible-with=8</c> is
/// understood by both 8.x and 9.x), credentials and <c>X-Opaque-Id</c>. Retries what is safe to
/// retry (429, 502/503/504, lost connections); everything the worker writes is idempotent.
/// </summary>
internal sealed class ElasticsearchTransport
{
    public const string JsonMediaType = "application/vnd.elasticsearch+json; compatible-with=8";
    public const string PlainJsonMediaType = "application/json";
    public const string NdjsonMediaType = "application/vnd.elasticsearch+x-ndjson; compatible-with=8";

    private readonly HttpClient http;
    private readonly ElasticsearchOptions options;
    private readonly RetryBackoff backoff;
    private readonly ILogger logger;
    private readonly AuthenticationHeaderValue? authorization;
    private readonly Uri baseUrl;

    public ElasticsearchTransport(HttpClient http, ElasticsearchOptions options, RetryBackoff backoff, ILogger<ElasticsearchTransport> logger)
    {
        this.http = http;
        this.options = options;
        this.backoff = backoff;
        this.logger = logger;
        authorization = ElasticsearchCredentials.FromEnvironment(options);
        baseUrl = options.Url.AbsoluteUri.EndsWith('/') ? options.Url : new Uri(options.Url.AbsoluteUri + "/");
        http.Timeout = options.RequestTimeout;
    }

    public Uri BaseUrl => baseUrl;

    public RetryBackoff Backoff => backoff;

    public static bool IsRetryableStatus(int status) => status is 429 or 502 or 503 or 504;

    /// <summary>Sends a JSON request, retrying transient failures; returns the final answer whatever its status.</summary>
    public Task<ElasticsearchResponse> SendAsync(HttpMethod method, string path, JsonNode? body = null, CancellationToken cancellationToken = default) =>
        SendAsync(method, path, body, JsonMediaType, cancellationToken);

    /// <summary>
    /// As <see cref="SendAsync(HttpMethod, string, JsonNode?, CancellationToken)"/> with a chosen media type: the
    /// version probe uses plain JSON, which every version answers, so an old cluster gets a clear message
    /// instead of a header error.
    /// </summary>
    public async Task<ElasticsearchResponse> SendAsync(HttpMethod method, string path, JsonNode? body, string mediaType, CancellationToken cancellationToken = default)
    {
        var payload = body is null ? null : System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await SendOnceAsync(method, path, payload is null ? null : new ByteArrayContent(payload), mediaType, cancellationToken);
                if (!IsRetryableStatus(response.Status) || attempt >= options.MaxAttempts)
                {
                    return response;
                }

                var delay = backoff.DelayFor(attempt, response.RetryAfter);
                ElasticsearchLog.RequestRetry(logger, response.Status, method.Method, path, attempt, delay);
                await backoff.WaitAsync(delay, cancellationToken);
            }
            catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken) && attempt < options.MaxAttempts)
            {
                var delay = backoff.DelayFor(attempt, null);
                ElasticsearchLog.ConnectionRetry(logger, method.Method, path, exception.Message, attempt, delay);
                await backoff.WaitAsync(delay, cancellationToken);
            }
        }
    }

    /// <summary>Sends once, no retry: the bulk writer retries per item and needs to see each answer.</summary>
    public async Task<ElasticsearchResponse> SendOnceAsync(HttpMethod method, string path, HttpContent? content, string contentType, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path.TrimStart('/')));
        // Accept mirrors the body's compatibility version, as Elasticsearch requires both to agree.
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(contentType == PlainJsonMediaType ? PlainJsonMediaType : JsonMediaType));
        request.Headers.Add("X-Opaque-Id", options.OpaqueId);
        request.Headers.Authorization = authorization;
        if (content is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Content = content;
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new ElasticsearchResponse((int)response.StatusCode, bytes, RetryAfterOf(response));
        }
        catch (HttpRequestException exception) when (exception.StatusCode is null && exception.InnerException is System.Security.Authentication.AuthenticationException)
        {
            throw new ElasticsearchException(
                $"TLS handshake with {baseUrl} failed: {exception.InnerException.Message} Set store.elasticsearch.caCertificatePath to the cluster's CA (config/certs/http_ca.crt).",
                null,
                isTransient: false,
                exception);
        }
    }

    public static bool IsConnectionFailure(Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            HttpRequestException { StatusCode: null } => true,
            IOException => true,

            // HttpClient reports its own timeout as a cancellation; the caller's token tells them apart.
            TaskCanceledException when !cancellationToken.IsCancellationRequested => true,
            _ => false,
        };

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        return retryAfter.Delta ?? (retryAfter.Date is { } date ? date - response.Headers.Date.GetValueOrDefault(date) : null);
    }

    public static string StatusName(int status) => ((HttpStatusCode)status).ToString();
}
