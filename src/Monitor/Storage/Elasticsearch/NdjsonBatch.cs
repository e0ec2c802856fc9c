using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Encodes bulk operations into one reusable buffer, remembering where each operation's two lines
/// start and end, so a retry can resend just the rejected operations without encoding them again.
/// The buffer is the only copy of the batch: its size is the writer's in-flight memory bound.
/// </summary>
internal sealed class NdjsonBatch : IDisposable
{
    // Vietnamese text stays UTF-8 instead of \uXXXX escapes: smaller bodies, faster encoding.
    // Control characters (and so raw newlines) are still escaped, which keeps one document per line.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> buffer;
    private readonly Utf8JsonWriter writer;
    private readonly List<(int Start, int Length, BulkOperation Operation)> segments = [];

    public NdjsonBatch(int initialCapacity)
    {
        buffer = new ArrayBufferWriter<byte>(initialCapacity);
        writer = new Utf8JsonWriter(buffer, WriterOptions);
    }

    public int Count => segments.Count;

    public int ByteCount => buffer.WrittenCount;

    public ReadOnlyMemory<byte> Written => buffer.WrittenMemory;

    public BulkOperation OperationAt(int index) => segments[index].Operation;

    public ReadOnlyMemory<byte> SegmentAt(int index) => buffer.WrittenMemory.Slice(segments[index].Start, segments[index].Length);

    /// <summary>The source line of operation <paramref name="index"/>, without its newline (for the dead-letter file).</summary>
    public ReadOnlyMemory<byte> SourceAt(int index)
    {
        var segment = SegmentAt(index).Span;
        var newline = segment.IndexOf((byte)'\n');
        return SegmentAt(index).Slice(newline + 1, segment.Length - newline - 2);
    }

    public void Add(BulkOperation operation)
    {
        var start = buffer.WrittenCount;
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WritePropertyName(operation.Action switch
        {
            BulkAction.Index => "index"u8,
            BulkAction.Create => "create"u8,
            _ => "update"u8,
        });
        writer.WriteStartObject();
        writer.WriteString("_index"u8, operation.Index);
        writer.WriteString("_id"u8, operation.Id);
        if (operation.RequireAlias)
        {
            writer.WriteBoolean("require_alias"u8, true);
        }

        if (operation.Action == BulkAction.Update)
        {
            // Two writers updating the same item at once: let the shard retry instead of failing.
            writer.WriteNumber("retry_on_conflict"u8, 3);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        buffer.Write("\n"u8);

        writer.Reset(buffer);
        if (operation.WriteUpsert is { } upsert)
        {
            // An update's line: {"doc":…,"upsert":…}.
            writer.WriteStartObject();
            writer.WritePropertyName("doc"u8);
            operation.WriteSource(writer);
            writer.WritePropertyName("upsert"u8);
            upsert(writer);
            writer.WriteEndObject();
        }
        else
        {
            operation.WriteSource(writer);
        }

        writer.Flush();
        buffer.Write("\n"u8);
        segments.Add((start, buffer.WrittenCount - start, operation));
    }

    public void Dispose() => writer.Dispose();

    public void Clear()
    {
        buffer.ResetWrittenCount();
        segments.Clear();
    }
}
