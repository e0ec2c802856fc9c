using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Monitor.Storage.Elasticsearch;

namespace Monitor.Bench;

/// <summary>
/// The alternative the benchmark measured and the worker did not take: the official client's typed
/// bulk operations (index, create, update) over documents encoded once. One batch: each document encoded once into a reusable buffer, and the
/// client's bulk operations built over those bytes when the batch (or the part of it being resent)
/// is sent. The buffer is the only copy of the documents: its size is the writer's in-flight memory
/// bound, and <see cref="ByteCount"/> (documents plus action lines) is what the batch is cut by.
/// </summary>
internal sealed class TypedBulkBatch : IDisposable
{
    // Vietnamese text stays UTF-8 instead of \uXXXX escapes: smaller bodies, faster encoding.
    // Control characters (and so raw newlines) are still escaped, which keeps one document per line.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // {"update":{"_id":"","_index":"","require_alias":true,"retry_on_conflict":3}} plus the newlines
    // and the {"doc":,"upsert":} wrapper: the client writes these, we count them.
    private const int ActionOverhead = 96;

    private readonly ArrayBufferWriter<byte> buffer;
    private readonly Utf8JsonWriter writer;
    private readonly List<Entry> entries = [];
    private long actionBytes;

    public TypedBulkBatch(int initialCapacity)
    {
        buffer = new ArrayBufferWriter<byte>(initialCapacity);
        writer = new Utf8JsonWriter(buffer, WriterOptions);
    }

    public int Count => entries.Count;

    /// <summary>About what the request body of the whole batch weighs (documents exact, action lines estimated high).</summary>
    public long ByteCount => buffer.WrittenCount + actionBytes;

    public Monitor.Storage.Elasticsearch.BulkOperation OperationAt(int index) => entries[index].Operation;

    /// <summary>The document of operation <paramref name="index"/> (for an update, the upsert: the whole document), for the dead-letter file.</summary>
    public ReadOnlyMemory<byte> SourceAt(int index)
    {
        var entry = entries[index];
        return entry.UpsertLength > 0 ? Slice(entry.UpsertStart, entry.UpsertLength) : Slice(entry.SourceStart, entry.SourceLength);
    }

    public void Add(Monitor.Storage.Elasticsearch.BulkOperation operation)
    {
        var (sourceStart, sourceLength) = Encode(operation.WriteSource);
        var (upsertStart, upsertLength) = operation.WriteUpsert is { } upsert ? Encode(upsert) : (0, 0);
        actionBytes += ActionOverhead + operation.Index.Length + operation.Id.Length;
        entries.Add(new Entry(operation, sourceStart, sourceLength, upsertStart, upsertLength));
    }

    /// <summary>The client's bulk operation for entry <paramref name="index"/>, over the encoded bytes.</summary>
    public IBulkOperation ClientOperation(int index)
    {
        var entry = entries[index];
        var operation = entry.Operation;
        var source = new EncodedSource(Slice(entry.SourceStart, entry.SourceLength));
        bool? requireAlias = operation.RequireAlias ? true : null;
        return operation.Action switch
        {
            BulkAction.Index => new BulkIndexOperation<EncodedSource>(source) { Index = operation.Index, Id = operation.Id, RequireAlias = requireAlias },
            BulkAction.Create => new BulkCreateOperation<EncodedSource>(source) { Index = operation.Index, Id = operation.Id, RequireAlias = requireAlias },
            _ => new BulkUpdateOperation<EncodedSource, EncodedSource>(operation.Id)
            {
                Index = operation.Index,
                Doc = source,
                Upsert = entry.UpsertLength > 0 ? new EncodedSource(Slice(entry.UpsertStart, entry.UpsertLength)) : null!,
                RequireAlias = requireAlias,

                // Two writers updating the same item at once: let the shard retry instead of failing.
                RetryOnConflict = 3,
            },
        };
    }

    public void Dispose() => writer.Dispose();

    public void Clear()
    {
        buffer.ResetWrittenCount();
        entries.Clear();
        actionBytes = 0;
    }

    private ReadOnlyMemory<byte> Slice(int start, int length) => buffer.WrittenMemory.Slice(start, length);

    private (int Start, int Length) Encode(Action<Utf8JsonWriter> write)
    {
        var start = buffer.WrittenCount;
        writer.Reset(buffer);
        write(writer);
        writer.Flush();
        return (start, buffer.WrittenCount - start);
    }

    private readonly record struct Entry(Monitor.Storage.Elasticsearch.BulkOperation Operation, int SourceStart, int SourceLength, int UpsertStart, int UpsertLength);
}
