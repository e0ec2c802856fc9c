using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Documents Elasticsearch rejected as bad data (400: mapping or parsing errors). Retrying cannot
/// help, dropping them would lose data: each is appended as one JSON line with the reason and the
/// exact source sent, so it can be fixed and replayed.
/// </summary>
internal sealed class DeadLetterFile(string path, TimeProvider clock)
{
    private readonly Lock gate = new();

    public string Path => path;

    public void Append(BulkOperation operation, int status, string errorType, string reason, ReadOnlyMemory<byte> source)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("at", clock.GetUtcNow());
            writer.WriteString("action", operation.Action.ToString().ToLowerInvariant());
            writer.WriteString("index", operation.Index);
            writer.WriteString("id", operation.Id);
            writer.WriteNumber("status", status);
            writer.WriteString("error_type", errorType);
            writer.WriteString("reason", reason);
            writer.WritePropertyName("source");
            try
            {
                using var parsed = JsonDocument.Parse(source);
                parsed.WriteTo(writer);
            }
            catch (JsonException)
            {
                writer.WriteStringValue(Encoding.UTF8.GetString(source.Span));
            }

            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        // Rare and small: a synchronous, flushed append under a lock keeps lines whole.
        lock (gate)
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(stream.GetBuffer().AsSpan(0, (int)stream.Length));
            file.Flush(flushToDisk: true);
        }
    }
}
