using System.Net;

namespace Monitor.Storage.Elasticsearch;

/// <summary>Streams the chosen operations of a batch straight from the encode buffer to the socket.</summary>
internal sealed class BulkContent(NdjsonBatch batch, IReadOnlyList<int> operations) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (operations.Count == batch.Count)
        {
            // All of them: one contiguous write.
            await stream.WriteAsync(batch.Written, cancellationToken);
            return;
        }

        foreach (var operation in operations)
        {
            await stream.WriteAsync(batch.SegmentAt(operation), cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        foreach (var operation in operations)
        {
            length += batch.SegmentAt(operation).Length;
        }

        return true;
    }
}
