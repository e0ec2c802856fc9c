using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Logging;
using Monitor.Telemetry;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Writes operations through the client's bulk endpoint: our NDJSON body on the client's transport
/// (node pool, failover, credentials, TLS, headers), its answer read as the client's typed
/// <see cref="BulkResponse"/>. Batches cut by bytes and count (one batch in memory at
/// a time, whatever the backlog), per-item results read in order, only 429/5xx items resent with
/// backoff, 409 on <c>create</c> counted as done, 400 sent to the dead-letter file. An operation
/// is reported only after Elasticsearch acknowledged it; anything else ends in an exception.
/// </summary>
internal sealed class BulkWriter(ElasticsearchRequests requests, ElasticsearchOptions options, DeadLetterFile deadLetters, ILogger<BulkWriter> logger)
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
            // No answer at all (refused, reset, timed out on every node): the cluster may have applied
            // some of it before the connection went. Resending is safe because every id is
            // deterministic (index replaces, create answers 409).
            var body = BulkBody.For(batch, pending);
            var response = await requests.CallOnceAsync(
                (client, token) => client.Transport.RequestAsync<BulkResponse>(new Elastic.Transport.EndpointPath(Elastic.Transport.HttpMethod.POST, "/_bulk"), body, null, BulkBody.Headers, token),
                cancellationToken);
            var status = ElasticsearchRequests.StatusOf(response);
            if (status == 413 && pending.Count > 1)
            {
                var half = pending.Count / 2;
                await SendWithRetriesAsync(batch, pending[..half], outcomes, cancellationToken);
                await SendWithRetriesAsync(batch, pending[half..], outcomes, cancellationToken);
                return;
            }

            if (!ElasticsearchRequests.IsRetryableStatus(status) && status < 500)
            {
                if (status is not (>= 200 and < 300))
                {
                    throw new ElasticsearchException(
                        $"Elasticsearch refused the bulk request with {status}: {response.ElasticsearchServerError?.Error?.Type}: {response.ElasticsearchServerError?.Error?.Reason}",
                        status,
                        isTransient: false);
                }

                pending = ReadItems(batch, pending, response, outcomes, failures);
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
                var why = status is null ? ElasticsearchRequests.ErrorOf(response) : $"last answer {status}";
                throw new ElasticsearchException(
                    $"{pending.Count} document(s) still not accepted after {attempt} attempts ({why}); nothing was acknowledged for them.",
                    status,
                    isTransient: true);
            }

            var delay = requests.Backoff.DelayFor(attempt, ElasticsearchRequests.RetryAfterOf(response));
            MonitorMeter.BulkRetries.Add(1);
            if (status is null)
            {
                ElasticsearchLog.ConnectionRetry(logger, "POST /_bulk", ElasticsearchRequests.ErrorOf(response), attempt, delay);
            }
            else
            {
                ElasticsearchLog.BulkItemsRetry(logger, pending.Count, batch.Count, attempt, delay);
            }

            await requests.Backoff.WaitAsync(delay, cancellationToken);
        }
    }

    private List<int> ReadItems(
        NdjsonBatch batch,
        List<int> sent,
        BulkResponse response,
        List<BulkItemOutcome> outcomes,
        List<string> failures)
    {
        var items = response.Items;
        if (items.Count != sent.Count)
        {
            throw new ElasticsearchException($"The bulk answer lists {items.Count} items for {sent.Count} operations sent.", ElasticsearchRequests.StatusOf(response), isTransient: false);
        }

        var retry = new List<int>();
        var position = 0;
        foreach (var item in items)
        {
            var operationIndex = sent[position++];
            var operation = batch.OperationAt(operationIndex);
            var status = item.Status;
            if (status is >= 200 and < 300)
            {
                outcomes.Add(new BulkItemOutcome(operation.Index, operation.Id, ResultOf(item.Result)));
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
                var type = item.Error?.Type ?? "unknown";
                var reason = item.Error?.Reason ?? "no error object in the item";
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

    private static BulkItemResult ResultOf(string? result) => result switch
    {
        "created" => BulkItemResult.Created,
        "noop" => BulkItemResult.Noop,
        _ => BulkItemResult.Updated,
    };
}
