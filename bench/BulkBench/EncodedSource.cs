using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Bench;

/// <summary>
/// A document already encoded as JSON in the batch buffer. The client's bulk operations hand it to
/// the source serializer, whose converter copies the bytes as they are: documents are encoded once,
/// by the worker's ContentDocuments, and a resend writes the same bytes again without re-encoding.
/// </summary>
[JsonConverter(typeof(EncodedSourceConverter))]
internal sealed record EncodedSource(ReadOnlyMemory<byte> Json);

internal sealed class EncodedSourceConverter : JsonConverter<EncodedSource>
{
    public override EncodedSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Encoded sources are written, never read back.");

    // Written by our own Utf8JsonWriter a moment ago: validating it again would only cost time.
    public override void Write(Utf8JsonWriter writer, EncodedSource value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
}

/// <summary>
/// The client's source serializer, except that an <see cref="EncodedSource"/> going to a stream is
/// copied there directly: the bulk body then costs one copy per document instead of a JSON
/// serializer pass per document. Everything else (the read queries' documents) goes through the
/// client's default System.Text.Json serializer unchanged.
/// </summary>
internal sealed class EncodedSourceSerializer(Elastic.Clients.Elasticsearch.IElasticsearchClientSettings settings)
    : Elastic.Clients.Elasticsearch.Serialization.DefaultSourceSerializer(settings)
{
    public override void Serialize<T>(T data, Stream stream, Elastic.Transport.SerializationFormatting formatting = Elastic.Transport.SerializationFormatting.None)
    {
        if (data is EncodedSource encoded)
        {
            stream.Write(encoded.Json.Span);
            return;
        }

        base.Serialize(data, stream, formatting);
    }

    public override Task SerializeAsync<T>(T data, Stream stream, Elastic.Transport.SerializationFormatting formatting = Elastic.Transport.SerializationFormatting.None, CancellationToken cancellationToken = default) =>
        data is EncodedSource encoded
            ? stream.WriteAsync(encoded.Json, cancellationToken).AsTask()
            : base.SerializeAsync(data, stream, formatting, cancellationToken);
}
