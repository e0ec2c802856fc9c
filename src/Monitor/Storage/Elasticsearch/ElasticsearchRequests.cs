using System.Globalization;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Calls through the official client, typed or raw, retrying what is safe to retry (429,
/// 502/503/504, no answer) with backoff on the injected clock. The client fails over between
/// nodes within one call but never waits; waiting between rounds is ours, so a whole cluster
/// that is busy or restarting gets time, and tests move a fake clock instead of sleeping.
/// </summary>
internal sealed class ElasticsearchRequests(ElasticsearchClient client, ElasticsearchOptions options, RetryBackoff backoff, ILogger<ElasticsearchRequests> logger)
{
    public ElasticsearchClient Client => client;

    public RetryBackoff Backoff => backoff;

    /// <summary>The nodes as configured, for messages.</summary>
    public string Nodes => string.Join(", ", options.Urls);

    public static bool IsRetryableStatus(int? status) => status is null or 429 or 502 or 503 or 504;

    /// <summary>A typed or raw call, retried on transient failures; returns the final answer whatever its status.</summary>
    public async Task<TResponse> SendAsync<TResponse>(string what, Func<ElasticsearchClient, CancellationToken, Task<TResponse>> call, CancellationToken cancellationToken = default)
        where TResponse : TransportResponse
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await CallOnceAsync(call, cancellationToken);
            var status = StatusOf(response);

            // A certificate we do not trust stays untrusted however often we ask.
            if (!IsRetryableStatus(status) || attempt >= options.MaxAttempts || IsTlsFailure(response))
            {
                return response;
            }

            var delay = backoff.DelayFor(attempt, RetryAfterOf(response));
            if (status is null)
            {
                ElasticsearchLog.ConnectionRetry(logger, what, ErrorOf(response), attempt, delay);
            }
            else
            {
                ElasticsearchLog.RequestRetry(logger, status.Value, what, attempt, delay);
            }

            await backoff.WaitAsync(delay, cancellationToken);
        }
    }

    /// <summary>One call, no retry: the bulk writer retries per item and needs to see each answer.</summary>
    public async Task<TResponse> CallOnceAsync<TResponse>(Func<ElasticsearchClient, CancellationToken, Task<TResponse>> call, CancellationToken cancellationToken)
        where TResponse : TransportResponse
    {
        try
        {
            var response = await call(client, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            return response;
        }
        catch (TransportException exception) when (cancellationToken.IsCancellationRequested)
        {
            // The transport wraps the caller's cancellation; the caller wants to see it as one.
            throw new OperationCanceledException(exception.Message, exception, cancellationToken);
        }
    }

    /// <summary>
    /// A request the client has no typed form for here (templates and policies read from files,
    /// multi-get of raw sources, aggregations read as JSON), sent on the client's raw path: same
    /// node pool, credentials, headers and product registration as the typed calls.
    /// </summary>
    public async Task<RawResponse> RawAsync(Elastic.Transport.HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken = default)
    {
        var payload = body is null ? null : PostData.Bytes(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
        var response = await SendAsync(
            $"{method} {path}",
            (c, token) => c.Transport.RequestAsync<BytesResponse>(method, path, payload, token),
            cancellationToken);
        return RawResponse.From(response, response.Body ?? []);
    }

    public static int? StatusOf(TransportResponse response) => response.ApiCallDetails.HttpStatusCode;

    public static TimeSpan? RetryAfterOf(TransportResponse response)
    {
        if (!response.ApiCallDetails.TryGetHeader("Retry-After", out var values))
        {
            return null;
        }

        // Elasticsearch sends delta-seconds; the HTTP-date form would need the server's clock to mean anything.
        return int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>Why there was no answer (connection refused, reset, timed out), for logs and messages.</summary>
    public static string ErrorOf(TransportResponse response) =>
        response.ApiCallDetails.OriginalException is { } exception ? Innermost(exception).Message : $"answered {StatusOf(response)}";

    /// <summary>The TLS handshake failed: the server's certificate is not one the settings trust.</summary>
    public static bool IsTlsFailure(TransportResponse response)
    {
        for (var exception = response.ApiCallDetails.OriginalException; exception is not null; exception = exception.InnerException)
        {
            if (exception is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner && exception is TransportException or HttpRequestException)
        {
            exception = inner;
        }

        return exception;
    }
}
