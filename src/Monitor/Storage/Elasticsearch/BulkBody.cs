using Elastic.Transport;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The body of one bulk request for the client's transport: the chosen operations of a batch,
/// streamed straight from the encode buffer to the connection. Written again from the same buffer
/// if the client fails over to another node, or if the writer resends some operations.
/// </summary>
internal static class BulkBody
{
    /// <summary>The bulk API's NDJSON media type; the client adds <c>compatible-with</c> for its major version.</summary>
    public static readonly RequestConfiguration Headers = new()
    {
        ContentType = "application/vnd.elasticsearch+x-ndjson",
        Accept = "application/vnd.elasticsearch+json",
    };

    public static PostData For(NdjsonBatch batch, IReadOnlyList<int> operations) =>
        PostData.StreamHandler(
            (Batch: batch, Operations: operations),
            static (state, stream) =>
            {
                if (state.Operations.Count == state.Batch.Count)
                {
                    // All of them: one contiguous write.
                    stream.Write(state.Batch.Written.Span);
                    return;
                }

                foreach (var operation in state.Operations)
                {
                    stream.Write(state.Batch.SegmentAt(operation).Span);
                }
            },
            static async (state, stream, cancellationToken) =>
            {
                if (state.Operations.Count == state.Batch.Count)
                {
                    await stream.WriteAsync(state.Batch.Written, cancellationToken);
                    return;
                }

                foreach (var operation in state.Operations)
                {
                    await stream.WriteAsync(state.Batch.SegmentAt(operation), cancellationToken);
                }
            });
}
