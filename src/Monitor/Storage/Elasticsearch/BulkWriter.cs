using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Writes operations through <c>_bulk</c>: batches cut by bytes and count (one batch in memory at
/// a time, whatever the backlog), per-item results read in order, only 429/5xx items resent with
/// backoff, 409 on <c>create</c> counted as done, 400 sent to the dead-letter file. An operation
/// is reported only after Elasticsearch acknowledged it; anything else ends in an exception.
/// </summary>
internal sealed class BulkWriter(ElasticsearchTransport transport, ElasticsearchOptions options, DeadLetterFile deadLetters, ILogger<BulkWriter> logger)
{
    public async Task<IReadOnlyList<BulkItemOutcome>> WriteAsync(IEnumerable<BulkOperation> operations, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<BulkItemOutcome>();
        using var batch = new NdjsonBatch(Math.Min(options.MaxBatchBytes, 1 << 20));
        foreach (var operation in operations)
        {
            batch.Add(operation);
            if (batch.Count >= options.MaxBatchDocuments || batch.ByteCount >= options.MaxBatchBytes)
            {
                await FlushAsync(batch, outcomes, cancellationToken);
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync(batch, outcomes, cancellationToken);
        }

        return outcomes;
    }

    private async Task FlushAsync(NdjsonBatch batch, List<BulkItemOutcome> outcomes, CancellationToken cancellationToken)
    {
        await SendWithRetriesAsync(batch, [.. Enumerable.Range(0, batch.Count)], outcomes, cancellationToken);
        batch.Clear();
    }

    private async Task SendWithRetriesAsync(NdjsonBatch batch, List<int> pending, List<BulkItemOutcome> outcomes, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            TimeSpan? retryAfter = null;
            ElasticsearchResponse? response = null;
            string? connectionError = null;
            try
            {
                response = await transport.SendOnceAsync(HttpMethod.Post, "/_bulk", new BulkContent(batch, pending), ElasticsearchTransport.NdjsonMediaType, cancellationToken);
            }
            catch (Exception exception) when (ElasticsearchTransport.IsConnectionFailure(exception, cancellationToken))
            {
                // The cluster may have applied some of it before the connection went: resending is
                // safe because every id is deterministic (index replaces, create answers 409).
                connectionError = exception.Message;
            }

            if (response is { Status: 413 } && pending.Count > 1)
            {
                var half = pending.Count / 2;
                await SendWithRetriesAsync(batch, pending[..half], outcomes, cancellationToken);
                await SendWithRetriesAsync(batch, pending[half..], outcomes, cancellationToken);
                return;
            }

            if (response is not null && !ElasticsearchTransport.IsRetryableStatus(response.Status) && response.Status is < 500)
            {
                if (!response.IsSuccess)
                {
                    throw new ElasticsearchException(
                        $"Elasticsearch refused the bulk request with {response.Status}: {response.ErrorSummary()}",
                        response.Status,
                        isTransient: false);
                }

                retryAfter = response.RetryAfter;
                pending = ReadItems(batch, pending, response, outcomes, failures);
            }
            else
            {
                retryAfter = response?.RetryAfter;
            }

            if (failures.Count > 0)
            {
                throw new ElasticsearchException(
                    $"Elasticsearch rejected {failures.Count} document(s) in a way retrying cannot fix: {string.Join("; ", failures.Take(5))}",
                    failures.Count,
                    isTransient: false);
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (attempt >= options.MaxAttempts)
            {
                var why = connectionError ?? (response is null ? "no answer" : $"last answer {response.Status}");
                throw new ElasticsearchException(
                    $"{pending.Count} document(s) still not accepted after {attempt} attempts ({why}); nothing was acknowledged for them.",
                    response?.Status,
                    isTransient: true);
            }

            var delay = transport.Backoff.DelayFor(attempt, retryAfter);
            if (connectionError is not null)
            {
                ElasticsearchLog.ConnectionRetry(logger, "POST", "/_bulk", connectionError, attempt, delay);
            }
            else
            {
                ElasticsearchLog.BulkItemsRetry(logger, pending.Count, batch.Count, attempt, delay);
            }

            await transport.Backoff.WaitAsync(delay, cancellationToken);
        }
    }

    private List<int> ReadItems(
        NdjsonBatch batch,
        List<int> sent,
        ElasticsearchResponse response,
        List<BulkItemOutcome> outcomes,
        List<string> failures)
    {
        using var document = response.Json();
        var items = document.RootElement.GetProperty("items");
        if (items.GetArrayLength() != sent.Count)
        {
            throw new ElasticsearchException($"The bulk answer lists {items.GetArrayLength()} items for {sent.Count} operations sent.", response.Status, isTransient: false);
        }

        var retry = new List<int>();
        var position = 0;
        foreach (var item in items.EnumerateArray())
        {
            var operationIndex = sent[position++];
            var operation = batch.OperationAt(operationIndex);
            var result = item.EnumerateObject().First().Value;
            var status = result.GetProperty("status").GetInt32();
            if (status is >= 200 and < 300)
            {
                outcomes.Add(new BulkItemOutcome(operation.Index, operation.Id, ResultOf(result)));
            }
            else if (status == 409 && operation.Action == BulkAction.Create)
            {
                outcomes.Add(new BulkItemOutcome(operation.Index, operation.Id, BulkItemResult.AlreadyExisted));
            }
            else if (status == 429 || status >= 500)
            {
                retry.Add(operationIndex);
            }
            else
            {
                var (type, reason) = ErrorOf(result);
                if (status == 400)
                {
                    deadLetters.Append(operation, status, type, reason, batch.SourceAt(operationIndex));
                    ElasticsearchLog.DeadLettered(logger, operation.Index, operation.Id, status, type, reason, deadLetters.Path);
                    outcomes.Add(new BulkItemOutcome(operation.Index, operation.Id, BulkItemResult.DeadLettered));
                }
                else
                {
                    // 403 (read-only index, security), 404 (missing alias): configuration, not data.
                    failures.Add($"{operation.Index}/{operation.Id}: {status} {type}: {reason}");
                }
            }
        }

        return retry;
    }

    private static BulkItemResult ResultOf(JsonElement result) =>
        result.TryGetProperty("result", out var text) ? text.GetString() switch
        {
            "created" => BulkItemResult.Created,
            "noop" => BulkItemResult.Noop,
            _ => BulkItemResult.Updated,
        }
        : BulkItemResult.Updated;

    private static (string Type, string Reason) ErrorOf(JsonElement result)
    {
        if (!result.TryGetProperty("error", out var error))
        {
            return ("unknown", "no error object in the item");
        }

        return error.ValueKind == JsonValueKind.Object
            ? (error.TryGetProperty("type", out var t) ? t.GetString() ?? "unknown" : "unknown",
               error.TryGetProperty("reason", out var r) ? r.GetString() ?? string.Empty : string.Empty)
            : ("unknown", error.ToString());
    }
}
